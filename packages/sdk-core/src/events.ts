import {
  type EventEnvelope,
  isKnownEventType,
  type KnownEvent,
  parseWireEvent,
  type ValidationResult,
} from '@agent-sessions/protocol';

/** The `type` an event of a type this SDK does not know is surfaced with. */
export const UNKNOWN_EVENT_TYPE = '(unknown)';

/**
 * An event whose type this SDK version does not know (a newer server added it). It is
 * surfaced, never thrown: `type` is `'(unknown)'` (so a `switch` on `type` narrows every
 * known type exactly) and the server's type is in `original_type`, its payload raw in `data`.
 * @example if (event.type === '(unknown)') console.log(event.original_type, event.data);
 */
export interface UnknownEvent extends EventEnvelope {
  type: typeof UNKNOWN_EVENT_TYPE;
  /** The type the server sent, e.g. `plan_updated`. */
  original_type: string;
  /** The payload, as it came. */
  data: { [key: string]: unknown };
}

/**
 * Any event read from a session: a known one (its payload typed by `type`) or an
 * {@link UnknownEvent}. A plain `switch (event.type)` narrows it:
 * @example
 * switch (event.type) {
 *   case 'answer': console.log(event.data.content); break;
 *   case '(unknown)': console.log('newer event', event.original_type); break;
 * }
 */
export type SessionEvent = KnownEvent | UnknownEvent;

/**
 * Validates one event read from the wire (its envelope, and a known type's payload) and
 * gives it as the SDK surfaces it: an unknown type becomes an {@link UnknownEvent}.
 * Fields a newer server adds are kept.
 * @example const result = parseEvent(json, 'event'); if (result.success) handle(result.data);
 */
export function parseEvent(value: unknown, prefix = ''): ValidationResult<SessionEvent> {
  const result = parseWireEvent(value, prefix);
  if (!result.success) return result;
  return { success: true, data: surfaced(result.data) };
}

/** A validated wire event as the SDK surfaces it. */
export function surfaced(
  event: { type: string; data: { [key: string]: unknown } } & EventEnvelope,
): SessionEvent {
  if (isKnownEventType(event.type)) return event as KnownEvent;
  return { ...event, type: UNKNOWN_EVENT_TYPE, original_type: event.type };
}
