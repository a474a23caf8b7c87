import { describe, expect, test } from 'vitest';
import type { ZodMiniType } from 'zod/mini';
import {
  compileCheck,
  parseEvent,
  validate,
  validateResponse,
  zChanges,
  zEvent,
  zSession,
  zSessionList,
} from '../src/index.js';

const session = {
  id: 'ses_1',
  state: 'running',
  step_count: 1,
  usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
  turn: 1,
  idle_timeout_s: 0,
  answer: null,
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:00+02:00',
  metadata: { a: 'b' },
};
const event = {
  index: 0,
  type: 'answer',
  created_at: '2026-11-24T10:00:00.000Z',
  turn: 1,
  agent: { id: 'main', parent_id: null },
  data: { content: 'x', forced: false },
};

/** Every way of breaking one field of `value`: each key removed, or set to each odd value. */
function mutations(value: Record<string, unknown>): unknown[] {
  const odd = [null, undefined, -1, 1.5, '', 'x', true, {}, [], 'a'.repeat(200), 2 ** 53];
  const out: unknown[] = [];
  for (const key of Object.keys(value)) {
    const { [key]: _, ...without } = value;
    out.push(without);
    for (const bad of odd) out.push({ ...value, [key]: bad });
    const inner = value[key];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const changed of mutations(inner as Record<string, unknown>))
        out.push({ ...value, [key]: changed });
    }
  }
  return out;
}

describe('the compiled response check', () => {
  test('never accepts what the schema refuses, and accepts what it accepts (mutations)', () => {
    const cases = [
      [zSession, session],
      [zEvent, event],
      [zSessionList, { data: [session], next_cursor: null, has_more: false }],
      [
        zChanges,
        { events: [event], next: 1, state: 'completed', turn: 1, answer: 'x', terminal: true },
      ],
    ] as [ZodMiniType, unknown][];
    for (const [schema, valid] of cases) {
      expect(compileCheck(schema)(valid)).toBe(true);
      for (const value of mutations(valid as Record<string, unknown>)) {
        const zod = validate(schema, value).success;
        if (compileCheck(schema)(value)) expect(zod, JSON.stringify(value)).toBe(true);
        // Loose schemas: whatever zod accepts, the compiled check accepts too (no slow path).
        else expect(zod, JSON.stringify(value)).toBe(false);
      }
    }
  });

  test('Metadata over its entry limit is refused by the compiled check too', () => {
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    expect(compileCheck(zSession)({ ...session, metadata })).toBe(false);
    expect(validateResponse(zSession, { ...session, metadata }).success).toBe(false);
  });

  test('parseEvent takes the fast path and still reports issues at their paths', () => {
    expect(parseEvent(event)).toEqual({ success: true, data: event });
    expect(parseEvent({ ...event, data: { content: 1, forced: false } }, 'e')).toEqual({
      success: false,
      issues: [{ path: 'e.data.content', message: 'expected string' }],
    });
  });
});
