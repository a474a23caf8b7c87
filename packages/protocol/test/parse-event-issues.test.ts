import { describe, expect, test } from 'vitest';
import type { ZodMiniType } from 'zod/mini';
import * as generated from '../src/generated/zod.gen.js';
import { KNOWN_EVENT_TYPES, parseWireEvent, validate } from '../src/index.js';

// parseWireEvent no longer runs the generated per-type event schemas (`zAnswerEvent`: the envelope
// intersected with `{ type, data }`), which cost a page zod's intersection code; these pin that
// it still answers exactly what they answer, for every known type and every way to be wrong.
const perType = (type: string) => {
  const name = `z${type.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}Event`;
  const schema = (generated as Record<string, unknown>)[name];
  if (!schema) throw new Error(`no generated schema ${name}`);
  return schema as ZodMiniType;
};

const envelope = {
  index: 0,
  created_at: '2026-11-24T10:00:00.000Z',
  turn: 1,
  agent: { id: 'agt_1', name: 'main', parent_id: null },
};

const broken: [string, (type: string) => unknown][] = [
  ['an array with a type', (type) => Object.assign([], { ...envelope, type, data: {} })],
  ['a function with a type', (type) => Object.assign(() => {}, { ...envelope, type, data: {} })],
  ['no data', (type) => ({ ...envelope, type })],
  ['data null', (type) => ({ ...envelope, type, data: null })],
  ['data an array', (type) => ({ ...envelope, type, data: [] })],
  ['data empty', (type) => ({ ...envelope, type, data: {} })],
  ['data with wrong types', (type) => ({ ...envelope, type, data: { step: 'x', content: 1 } })],
  ['a broken envelope', (type) => ({ ...envelope, index: -1, turn: 0, type, data: {} })],
  [
    'a broken envelope and payload',
    (type) => ({ ...envelope, created_at: 'yesterday', type, data: { forced: 'yes' } }),
  ],
];

describe('parseWireEvent reports what the per-type event schema reports', () => {
  for (const [what, make] of broken) {
    test(what, () => {
      for (const type of KNOWN_EVENT_TYPES) {
        const value = make(type);
        for (const prefix of ['', 'response.events[3]']) {
          const expected = validate(perType(type), value, prefix);
          expect(expected.success, `${type} ${what}`).toBe(false);
          expect(parseWireEvent(value, prefix), `${type} ${what} ${prefix}`).toEqual(expected);
        }
      }
    });
  }

  test('a valid event of each known type gives what the per-type schema gives', () => {
    for (const type of ['answer', 'thought']) {
      const data = type === 'answer' ? { content: 'a', forced: false } : { content: 'hmm' };
      const value = { ...envelope, type, data };
      expect(parseWireEvent(value)).toEqual(validate(perType(type), value));
    }
  });
});
