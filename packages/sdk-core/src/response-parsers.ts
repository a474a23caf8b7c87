import {
  type Changes,
  type EventPage,
  type Session,
  type SessionList,
  type ValidationResult,
  validateResponse,
  zChanges,
  zEventPage,
  zSession,
  zSessionList,
} from '@agent-sessions/protocol';
import { parseEvent, type SessionEvent } from './events.js';

/** A long-poll's answer with every event validated and typed (unknown types surfaced as such). */
export type SessionChanges = Omit<Changes, 'events'> & { events: SessionEvent[] };
/** A page of event history with every event validated and typed. */
export type SessionEventPage = Omit<EventPage, 'data'> & { data: SessionEvent[] };

/** Validates a `Session` response. */
// The validators are loose (they keep fields a newer server adds), so their inferred type
// has an index signature; the SDK's types are the declared ones.
export const parseSession = (json: unknown) =>
  validateResponse(zSession, json, 'response') as ValidationResult<Session>;

/** Validates a `SessionList` response. */
export const parseSessionList = (json: unknown) =>
  validateResponse(zSessionList, json, 'response') as ValidationResult<SessionList>;

/**
 * Validates a page: its own fields against `envelope`, then each event in `key` once, against
 * its own type's schema (unknown types keep their raw data).
 */
function withEvents<K extends 'events' | 'data', T extends Record<K, unknown[]>>(
  envelope: (json: unknown) => ValidationResult<T>,
  key: K,
) {
  return (json: unknown): ValidationResult<Omit<T, K> & Record<K, SessionEvent[]>> => {
    const page = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    const raw = page[key];
    // The page schema would check every event too; with the events set aside they are
    // checked once, below, instead of twice.
    const outer = envelope(Array.isArray(raw) ? { ...page, [key]: [] } : json);
    if (!outer.success) return outer;
    const items = raw as unknown[];
    const events: SessionEvent[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const event = parseEvent(items[i], `response.${key}[${i}]`);
      if (!event.success) return event;
      events[i] = event.data;
    }
    return { success: true, data: { ...outer.data, [key]: events } };
  };
}

/** Validates a long-poll answer. */
export const parseChanges: (json: unknown) => ValidationResult<SessionChanges> =
  /*#__PURE__*/ withEvents(
    (json) => validateResponse(zChanges, json, 'response') as ValidationResult<Changes>,
    'events',
  );
/** Validates a page of event history. */
export const parseEventPage: (json: unknown) => ValidationResult<SessionEventPage> =
  /*#__PURE__*/ withEvents(
    (json) => validateResponse(zEventPage, json, 'response') as ValidationResult<EventPage>,
    'data',
  );
