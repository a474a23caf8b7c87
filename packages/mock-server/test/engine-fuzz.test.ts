import { validate, zProblem } from '@agent-sessions/protocol';
import { expect, test } from 'vitest';
import { startEngine } from './support/engine.js';
import { checkResponse } from './support/openapi-contract.js';

// A property test over the engine alone (the socket-level fuzz lives with the Node adapter):
// generated requests of every odd shape, from a fixed seed so a failure replays exactly.
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const METHODS = [
  'GET',
  'POST',
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'TRACE',
  'FOO',
  'OPTIONS',
  'HEAD',
  'G ET',
  '',
];
const SEGMENTS = [
  'v1',
  'sessions',
  'ID',
  'OTHER',
  'changes',
  'events',
  'messages',
  'pause',
  'resume',
  'force-answer',
  'cancel',
  '_mock',
  'faults',
  'clock',
  'advance',
  'stats',
  'reset',
  'journal',
  '%ZZ',
  '%00',
  '%2F',
  '..',
  '',
  '[',
  'é',
  'x'.repeat(300),
];
const QUERIES = [
  '',
  '?from=0&wait_s=1',
  '?from=-1',
  '?limit=0',
  '?limit=abc',
  `?limit=${'9'.repeat(40)}`,
  '?cursor=',
  '?wait_s=61',
  '?from=2&wait_s=0',
  '?x=%ZZ',
  '#frag',
];
const BODIES = [
  undefined,
  '',
  'not json',
  '{"input":"hi"}',
  '{"input":"hi","metadata":{"scenario":"slow"}}',
  '{"content":"more"}',
  '{"input":""}',
  '{"input":"hi","extra":1}',
  '[]',
  'null',
  '"str"',
  '{"ms":1e16}',
  '{"ms":1000}',
  '{"operation":"getSession","kind":"nope"}',
  `{"input":"hi","metadata":${JSON.stringify(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v'])))}}`,
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `{"input":"${'x'.repeat(5_000)}"}`,
];
const AUTH = [
  null,
  'Bearer test-key',
  'bearer test-key',
  'Bearer wrong',
  'Basic dGVzdA==',
  'Bearer',
  '',
];

test('every generated request gets a 2xx the spec allows or a 4xx problem, and a refused one changes nothing', async () => {
  const { engine, raw, create } = startEngine({ maxBodyBytes: 4096 });
  const sessionId = (await create({ input: 'Keep me.', metadata: { scenario: 'slow' } })).body.id;
  const { pick, next } = seeded(20261130);
  const statuses = new Map<number, number>();
  for (let i = 0; i < 1_500; i++) {
    const segments = Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(SEGMENTS)).map(
      (segment) => (segment === 'ID' ? sessionId : segment),
    );
    // Mostly well-formed API paths, with odd bytes mixed in.
    const shape = next();
    const path =
      shape < 0.15
        ? '/v1/sessions'
        : shape < 0.6
          ? `/v1/sessions/${segments.slice(2).join('/')}`
          : `/${segments.join('/')}`;
    const url = `${path}${pick(QUERIES)}`;
    const method = pick(METHODS);
    const body = pick(BODIES);
    const headers = new Headers();
    const auth = pick(AUTH);
    if (auth !== null) headers.set('authorization', auth);
    if (next() < 0.3) headers.set('idempotency-key', pick(['k1', 'k2', '', 'x'.repeat(300)]));
    if (next() < 0.2) headers.set('origin', 'https://elsewhere.example');
    const before = engine.sessions.get(sessionId);
    const sessionsBefore = engine.stats().sessions;

    const response = await raw({
      method,
      url,
      headers,
      text: async (limit) => {
        const text = body ?? '';
        if (new TextEncoder().encode(text).length > limit) {
          const { BodyTooLargeError } = await import('../src/index.js');
          throw new BodyTooLargeError(limit);
        }
        return text;
      },
    });
    const where = `#${i} ${method} ${url} ${String(body).slice(0, 60)}`;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    expect(response.status, where).toBeLessThan(500);
    expect(response.reset, where).toBeUndefined();
    const text = typeof response.body === 'string' ? response.body : '';
    if (response.status >= 400) {
      expect(response.headers['Content-Type'], where).toBe('application/problem+json');
      const problem = validate(zProblem, JSON.parse(text));
      expect(problem.success, where).toBe(true);
      // Refused: the session and the session count are as they were.
      expect(engine.sessions.get(sessionId), where).toEqual(before);
      expect(engine.stats().sessions, where).toBe(sessionsBefore);
    } else if (response.status !== 204 && !url.startsWith('/_mock')) {
      const observed = await checkResponse(
        new Request(`http://mock.test${url}`, { method }),
        new Response(text, { status: response.status, headers: response.headers }),
      );
      expect(observed?.problems ?? [], where).toEqual([]);
    }
  }
  // The generator reached successes and refusals of many kinds.
  for (const status of [200, 201, 400, 401, 404, 405, 413]) {
    expect(statuses.get(status) ?? 0, `status ${status} was generated`).toBeGreaterThan(0);
  }
}, 60_000);
