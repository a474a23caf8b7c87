import { describe, expect, test } from 'vitest';
import {
  parseWireEvent,
  type ValidationResult,
  validateResponse,
  validateWithEvents,
  zChanges,
} from '../src/index.js';

const event = (index: number, extra: Record<string, unknown> = {}) => ({
  index,
  type: 'thought',
  created_at: '2026-01-01T00:00:00Z',
  turn: 1,
  agent: { id: 'main', parent_id: null },
  data: { content: 'hm' },
  ...extra,
});
const changes = (events: unknown) => ({
  events,
  next: 2,
  state: 'running',
  turn: 1,
  answer: null,
  terminal: false,
});

/** A changes validator that counts how often each event is parsed. */
function counting() {
  const parsed: unknown[] = [];
  const parse = validateWithEvents(
    (json) => validateResponse(zChanges, json, 'response'),
    'events',
    (value, prefix) => {
      parsed.push(value);
      return parseWireEvent(value, prefix);
    },
  );
  return { parse, parsed };
}
const issuesOf = (result: ValidationResult<unknown>) => (result.success ? [] : result.issues);

describe('validateWithEvents: a response with a list of events, each checked once', () => {
  test('a valid answer comes back with its events as parseOne gave them, each parsed once', () => {
    const { parse, parsed } = counting();
    const first = event(0);
    const second = event(1);
    const result = parse(changes([first, second]));
    expect(result.success && result.data.events).toEqual([first, second]);
    expect(parsed).toEqual([first, second]);
  });

  test("an event's issue is named by its place in the list", () => {
    const { parse } = counting();
    const result = parse(changes([event(0), event(1, { data: { content: 7 } })]));
    expect(issuesOf(result)).toEqual([
      { path: 'response.events[1].data.content', message: 'expected string' },
    ]);
  });

  test('an envelope issue is reported and no event is parsed', () => {
    const { parse, parsed } = counting();
    const result = parse({ ...changes([event(0)]), next: -1 });
    expect(issuesOf(result).map((issue) => issue.path)).toEqual(['response.next']);
    expect(parsed).toEqual([]);
  });

  test('events that are not a list, and answers that are not objects, are refused by the envelope', () => {
    const { parse, parsed } = counting();
    expect(issuesOf(parse(changes({ 0: event(0) }))).map((issue) => issue.path)).toEqual([
      'response.events',
    ]);
    for (const odd of [null, 'x', 3, []]) expect(parse(odd).success).toBe(false);
    expect(parsed).toEqual([]);
  });
});
