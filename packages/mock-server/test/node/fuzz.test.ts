// Generated raw HTTP requests (odd methods, path bytes and escapes, headers, bodies of odd shape,
// depth and size) thrown at a real server over sockets. Every one must get a spec-valid
// response or a problem+json 4xx, the server must stay up, and a refused request must leave
// every session as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMockServer, type MockServer } from '../../src/index.js';
import { checkResponse, operationOf } from '../support/openapi-contract.js';
import { api } from '../support/server.js';
import { type RawReply, rawRequest } from './raw-http.js';

/** Runs per test run; raise it locally to hunt (`FUZZ_RUNS=5000`). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

let server: MockServer;
let host: string;

beforeAll(async () => {
  server = await createMockServer();
  host = new URL(server.url).host;
  const client = api(server);
  // One finished session and one paused mid-run: a clock that auto-advances while a valid
  // request waits moves neither, so any change to them is a request's doing.
  const done = await client.create({ input: 'finished' });
  await client.drain(done.body.id);
  const paused = await client.create({ input: 'paused', metadata: { scenario: 'slow' } });
  await client.control(paused.body.id, 'pause');
});

afterAll(() => server?.close());

/** Every session the server holds, with its full event log. */
function snapshot(): string {
  return JSON.stringify(server.sessions.list().map((session) => server.sessions.get(session.id)));
}

// --- Generators ------------------------------------------------------------------------------

const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);
const method = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('GET', 'POST') },
  { weight: 2, arbitrary: fc.constantFrom('DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE') },
  { weight: 1, arbitrary: fc.constantFrom('get', 'post', 'FOO', 'M-SEARCH', 'PROPFIND') },
  { weight: 1, arbitrary: token },
);
const oddSegment = fc.oneof(
  fc.stringMatching(/^(%[0-9A-Fa-f]{2}|%[G-Zg-z]{2}|%|[\x21-\x7e])*$/),
  fc.constantFrom('%ZZ', '%', '%00', '%2F', '%E2%82', '..', '.', '[', '{}', '%C0%AF', 'ses_%00'),
  fc.string({ unit: 'binary', maxLength: 8 }).map(encodeURIComponent),
);
const segment = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'v1',
      'sessions',
      'ses_00000001',
      'ses_00000002',
      'ses_00000003',
      'ses_zzzzzzzz',
      'changes',
      'events',
      'messages',
      'pause',
      'resume',
      'force-answer',
      'cancel',
      '',
    ),
  },
  { weight: 2, arbitrary: oddSegment },
);
const queryValue = fc.oneof(
  fc.constantFrom('0', '1', '-1', '100', '1e3', '99999999999999999999', '', 'x', '%ZZ', '0x10'),
  oddSegment,
);
const query = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom('from', 'limit', 'cursor', 'wait_s'), oddSegment),
      queryValue,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
// The API's own paths, on sessions that exist: most requests should get past routing.
const operationPath = fc
  .tuple(
    fc.constantFrom('ses_00000001', 'ses_00000002', 'ses_00000003', 'ses_00000004'),
    fc.constantFrom(
      '',
      '/changes',
      '/events',
      '/messages',
      '/pause',
      '/resume',
      '/force-answer',
      '/cancel',
    ),
    query,
  )
  .map(([id, action, q]) => `/v1/sessions/${id}${action}${q}`);
const path = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('/v1/sessions', '/v1/sessions?limit=2', '/_mock/clock/advance'),
  },
  { weight: 4, arbitrary: operationPath },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), query)
      .map(([parts, q]) => `/${parts.join('/')}${q}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '*',
      '//[',
      '/v1/sessions/%ZZ',
      'http://a:99999/',
      'http://[::1/',
      '/v1//sessions',
      '/_mock/stats',
      '/_mock/clock',
      '/_mock/sessions/%ZZ',
      '/_mock/nope',
      '/v1/sessions\x7f',
      '/v1/sessions/\xe9\xff',
      '/v1/sessions?limit=\x01',
      '/v1/sessions#frag',
    ),
  },
);
// Header bytes as sent (latin1): visible ASCII, and now and then obs-text or a control byte.
const headerValue = fc
  .oneof(
    { weight: 6, arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,40}$/) },
    {
      weight: 1,
      arbitrary: fc
        .array(
          fc.integer({ min: 0, max: 255 }).filter((byte) => byte !== 10 && byte !== 13),
          { maxLength: 20 },
        )
        .map((bytes) => String.fromCharCode(...bytes)),
    },
  )
  .map((value) => value.trim());
const auth = fc.constantFrom(
  undefined,
  'Bearer test-key',
  'Bearer test-key',
  'Bearer test-key',
  'bearer test-key',
  'Bearer  test-key',
  'Bearer wrong',
  'Basic dGVzdDprZXk=',
  '',
);
const nested = (depth: number, open: string, close: string) =>
  `${open.repeat(depth)}${close.repeat(depth)}`;
const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '{"input":"fuzz"}',
      '{"content":"fuzz"}',
      '{"input":"fuzz","metadata":{"scenario":"slow"}}',
      '{"input":""}',
      '{"input":"x","idle_timeout_s":-1}',
      '{"input":"x","metadata":{"a":{}}}',
      '{}',
      '[]',
      'null',
      '',
      ' ',
      '{"input":"x"',
      '{"__proto__":{"polluted":true},"input":"x"}',
      '{"ms":1e16}',
      '{"ms":-1}',
      '{"ms":"soon"}',
      '{"ms":1000}',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 300_000 }))
      .map(([entries, length]) => {
        const metadata = Object.fromEntries(
          Array.from({ length: entries }, (_, i) => [`k${i}`, 'v']),
        );
        return JSON.stringify({ input: 'x'.repeat(length), metadata });
      }),
  },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('[]', '{}'))
      .map(([depth, kind]) =>
        kind === '[]'
          ? `{"input":"deep","x":${nested(depth, '[', ']')}}`
          : `{"input":"deep","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 3 * 1024 * 1024 })
      .map((size) => `{"input":"${'a'.repeat(size)}"}`),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary', maxLength: 64 }).map((text) => `{"input":"${text}"}`),
  },
);

function methodFor(generated: Omit<Generated, 'method'> & { method: string }): string {
  const path = generated.path.split('?')[0]!;
  if (path === '/v1/sessions') return generated.body === undefined ? 'GET' : 'POST';
  if (/^\/v1\/sessions\/[^/]+(\/changes|\/events)?$/.test(path)) return 'GET';
  if (/^\/v1\/sessions\/[^/]+\/[a-z-]+$/.test(path)) return 'POST';
  return generated.method;
}

interface Generated {
  method: string;
  path: string;
  auth: string | undefined;
  contentType: string | undefined;
  idempotencyKey: string | undefined;
  extra: [string, string][];
  body: string | Buffer | undefined;
  chunked: boolean;
}

const request: fc.Arbitrary<Generated> = fc
  .record({
    method,
    path,
    auth,
    contentType: fc.constantFrom(
      undefined,
      'application/json',
      'text/plain',
      'application/json; charset=utf-8',
      '*/*',
    ),
    idempotencyKey: fc.oneof(fc.constant(undefined), headerValue, fc.constant('k'.repeat(300))),
    extra: fc.array(fc.tuple(token, headerValue), { maxLength: 3 }),
    body,
    chunked: fc.boolean(),
    coherent: fc.boolean(),
  })
  // Half the time the method is the one the path's operation takes, so that requests get past
  // routing and into auth, bodies, idempotency and the operations themselves.
  .map(({ coherent, ...generated }) =>
    coherent ? { ...generated, method: methodFor(generated) } : generated,
  )
  .map((generated) =>
    // Counterexamples print as one line, not as megabytes of body.
    Object.assign(generated, { [fc.toStringMethod]: () => describeGenerated(generated) }),
  );

const SKIPPED_EXTRA = /^(host|content-length|transfer-encoding|connection|expect|upgrade)$/i;

function serialize(generated: Generated): Buffer {
  const lines = [`${generated.method} ${generated.path} HTTP/1.1`, `Host: ${host}`];
  if (generated.auth !== undefined) lines.push(`Authorization: ${generated.auth}`);
  if (generated.contentType) lines.push(`Content-Type: ${generated.contentType}`);
  if (generated.idempotencyKey !== undefined) {
    lines.push(`Idempotency-Key: ${generated.idempotencyKey}`);
  }
  for (const [name, value] of generated.extra) {
    if (!SKIPPED_EXTRA.test(name)) lines.push(`${name}: ${value}`);
  }
  lines.push('Connection: close');
  const payload = generated.body === undefined ? undefined : Buffer.from(generated.body);
  if (payload && generated.chunked) {
    lines.push('Transfer-Encoding: chunked');
    // One chunk and the last (zero-size) chunk; an empty body is the last chunk alone.
    const framed = payload.length
      ? Buffer.concat([
          Buffer.from(`${payload.length.toString(16)}\r\n`),
          payload,
          Buffer.from('\r\n0\r\n\r\n'),
        ])
      : Buffer.from('0\r\n\r\n');
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), framed]);
  }
  if (payload) lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([
    Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'),
    payload ?? Buffer.alloc(0),
  ]);
}

function describeGenerated(generated: Generated): string {
  const size = generated.body === undefined ? 0 : Buffer.byteLength(generated.body);
  const body =
    generated.body === undefined ? '' : Buffer.from(generated.body).subarray(0, 80).toString();
  return `${generated.method} ${generated.path.slice(0, 120)} auth=${generated.auth} key=${generated.idempotencyKey?.slice(0, 20)} (body ${size} bytes${generated.chunked ? ', chunked' : ''}: ${JSON.stringify(body)})`;
}

// --- Checks ----------------------------------------------------------------------------------

/** What is wrong with a reply, or an empty list. */
async function problemsOf(generated: Generated, reply: RawReply): Promise<string[]> {
  const where = `${describeGenerated(generated)} -> ${reply.status}`;
  if (reply.status >= 500) return [`${where}: a 5xx without a scripted fault: ${reply.body}`];
  if (reply.status < 200) return [`${where}: not a final status`];
  let pathname: string | undefined;
  try {
    // As the server reads it: a path is relative to the server, whatever it looks like.
    const { path } = generated;
    pathname = new URL(path.startsWith('/') ? `http://x${path}` : path).pathname;
  } catch {
    pathname = undefined;
  }
  const isHead = generated.method === 'HEAD';
  if (reply.status >= 400) {
    if (isHead) return [];
    if (reply.headers['content-type'] !== 'application/problem+json') {
      return [`${where}: a 4xx that is not problem+json: ${reply.headers['content-type']}`];
    }
    try {
      const problem = JSON.parse(reply.body);
      if (problem.status !== reply.status || typeof problem.code !== 'string') {
        return [`${where}: a problem whose status or code is wrong: ${reply.body}`];
      }
    } catch {
      return [`${where}: a problem body that is not JSON`];
    }
  }
  // 2xx and 4xx of spec operations must match the document.
  if (pathname !== undefined && operationOf(generated.method, pathname)) {
    const observed = await checkResponse(
      { url: `http://x${pathname}`, method: generated.method } as Request,
      new Response(reply.body, { status: reply.status, headers: reply.headers }),
    );
    // A 4xx the document does not list for this operation (413, 405) is fine as a problem.
    return (observed?.problems ?? []).filter(
      (problem) => reply.status < 400 || !problem.endsWith('status not documented'),
    );
  }
  return [];
}

describe('fuzz: raw HTTP requests at a real server', () => {
  test(`${RUNS} generated requests: each answered spec-valid or 4xx problem+json; refused ones change nothing; the server stays up`, {
    timeout: 90_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const before = snapshot();
        const outcome = await rawRequest(server.url, serialize(generated), 10_000);
        if (outcome.kind !== 'reply') {
          throw new Error(`${describeGenerated(generated)}: the connection closed without a reply`);
        }
        const { reply } = outcome;
        expect(await problemsOf(generated, reply)).toEqual([]);
        if (reply.status >= 400) {
          expect(
            snapshot(),
            `${describeGenerated(generated)} -> ${reply.status} ${reply.body.slice(0, 300)} changed a session`,
          ).toBe(before);
        }
        const followUp = await api(server).call('GET', '/v1/sessions?limit=1');
        expect(followUp.status).toBe(200);
      }),
      {
        numRuns: RUNS,
        interruptAfterTimeLimit: 50_000,
        ...(SEED === undefined ? {} : { seed: SEED }),
      },
    );
  });
});
