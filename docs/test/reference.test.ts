import { expect, test } from 'vitest';
// @ts-expect-error: plain .mjs scripts without declarations
import { knownEventTypes, loadSpec, recordExampleSessions } from '../scripts/reference.mjs';

// The check that the spec's x-transitions are exactly what the mock makes lives beside the
// mock's tests: packages/mock-server/test/transitions.test.ts.

test('every known event type has a real example, and every state a meaning', async () => {
  const spec = await loadSpec();
  const sessions: { events: { type: string }[] }[] = await recordExampleSessions();
  const seen = new Set(sessions.flatMap(({ events }) => events.map((event) => event.type)));
  const types: { type: string; description: string }[] = knownEventTypes(spec);
  for (const { type, description } of types) {
    expect(seen.has(type), `no scripted session makes a ${type} event`).toBe(true);
    expect(description, `${type} has no description in the spec`).not.toBe('');
  }
  const known = spec.components.schemas.KnownSessionState;
  expect(Object.keys(known['x-enum-descriptions']).sort()).toEqual([...known.enum].sort());
  const codes = spec.components.schemas.KnownErrorCode;
  expect(Object.keys(codes['x-enum-descriptions']).sort()).toEqual([...codes.enum].sort());
});
