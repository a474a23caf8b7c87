import {
  type Changes,
  type EventPage,
  type Session,
  type SessionList,
  type ValidationResult,
  validateResponse,
  validateWithEvents,
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

/** Validates a long-poll answer. */
export const parseChanges: (json: unknown) => ValidationResult<SessionChanges> =
  /*#__PURE__*/ validateWithEvents(
    (json) => validateResponse(zChanges, json, 'response') as ValidationResult<Changes>,
    'events',
    parseEvent,
  );
/** Validates a page of event history. */
export const parseEventPage: (json: unknown) => ValidationResult<SessionEventPage> =
  /*#__PURE__*/ validateWithEvents(
    (json) => validateResponse(zEventPage, json, 'response') as ValidationResult<EventPage>,
    'data',
    parseEvent,
  );
