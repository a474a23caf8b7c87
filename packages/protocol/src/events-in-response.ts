import type { ValidationResult } from './validate.js';

/**
 * A validator for a response that carries a list of events under `key` (a long-poll's
 * `events`, a page's `data`): its other fields by `envelope`, then each event once by
 * `parseOne`, at the path `response.<key>[i]`. The events are set aside while the envelope is
 * checked (its schema would check every event too), so each is validated once, not twice.
 * @example const parseChanges = validateWithEvents((json) => validateResponse(zChanges, json, 'response'), 'events', parseWireEvent);
 */
export function validateWithEvents<K extends string, T extends Record<K, unknown[]>, E>(
  envelope: (json: unknown) => ValidationResult<T>,
  key: K,
  parseOne: (value: unknown, prefix: string) => ValidationResult<E>,
): (json: unknown) => ValidationResult<Omit<T, K> & Record<K, E[]>> {
  return (json) => {
    const page = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    const raw = page[key];
    const outer = envelope(Array.isArray(raw) ? { ...page, [key]: [] } : json);
    if (!outer.success) return outer;
    const items = raw as unknown[];
    const events: E[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const event = parseOne(items[i], `response.${key}[${i}]`);
      if (!event.success) return event;
      events[i] = event.data;
    }
    return { success: true, data: { ...outer.data, [key]: events } as Omit<T, K> & Record<K, E[]> };
  };
}
