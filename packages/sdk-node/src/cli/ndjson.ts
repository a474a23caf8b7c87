import { type SessionEvent, UNKNOWN_EVENT_TYPE } from '../index.js';

/**
 * The event as the API sent it: the SDK surfaces a type it does not know as `(unknown)` with
 * `original_type`; the line carries the server's own type back, with every field it sent.
 */
export function wireEvent(event: SessionEvent): Record<string, unknown> {
  if (event.type !== UNKNOWN_EVENT_TYPE) return event as unknown as Record<string, unknown>;
  const { original_type, ...rest } = event;
  return { ...rest, type: original_type };
}
