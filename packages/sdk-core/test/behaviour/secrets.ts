import { describe, expect, test } from 'vitest';
import type { FetchLike, Logger } from '../../src/index.js';
import type { BehaviourEnv } from './env.js';
import { recordingSleep } from './tools.js';

/** Every string reachable from `value`: message, stack, causes, `errors`, own properties, headers. */
function strings(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') out.push(value);
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (value instanceof Headers)
    value.forEach((inner, name) => {
      out.push(name, inner);
    });
  if (value instanceof Request) strings([value.url, value.headers], out, seen);
  if (value instanceof Error) strings([value.message, value.stack, value.cause], out, seen);
  for (const name of Object.getOwnPropertyNames(value))
    strings((value as Record<string, unknown>)[name], out, seen);
  return out;
}

/** Secrets never reach an error, an error's causes or properties, or a log line. */
export function defineSecretTests(env: BehaviourEnv) {
  const HEADER_SECRET = 'sk_hdr_SECRET7';
  const recordingLogger = () => {
    const lines: string[] = [];
    const logger: Logger = {
      error: (line) => lines.push(line),
      warn: (line) => lines.push(line),
      info: (line) => lines.push(line),
      debug: (line) => lines.push(line),
    };
    return { logger, lines };
  };

  /** A `fetch` that fails as a careless wrapper would: with the request's credentials inside. */
  const leakyFetch =
    (leak: (request: Request) => Error): FetchLike =>
    async (input, init) => {
      throw leak(new Request(input, init));
    };
  const leaks: [string, (request: Request) => Error][] = [
    [
      'two cause levels down',
      (request) =>
        new TypeError('fetch failed', {
          cause: new Error('socket', {
            cause: new Error(`sent ${request.headers.get('authorization')}`),
          }),
        }),
    ],
    [
      'in its own properties (headers, request)',
      (request) =>
        Object.assign(new TypeError('fetch failed'), {
          headers: request.headers,
          request,
          config: { headers: { 'x-api-key': request.headers.get('x-api-key') } },
        }),
    ],
    [
      'in an AggregateError inside',
      (request) =>
        new TypeError('fetch failed', {
          cause: new AggregateError(
            [new Error(`key ${request.headers.get('x-api-key')}`)],
            'all failed',
          ),
        }),
    ],
    [
      'twelve cause levels down',
      (request) => {
        let error = new Error(`sent ${request.headers.get('authorization')}`);
        for (let level = 0; level < 12; level++)
          error = new Error(`level ${level}`, { cause: error });
        return new TypeError('fetch failed', { cause: error });
      },
    ],
    [
      'in the message of a cause that is not an Error',
      (request) =>
        new TypeError('fetch failed', { cause: { detail: request.headers.get('authorization') } }),
    ],
  ];

  describe('secrets in errors and logs', () => {
    for (const [where, leak] of leaks) {
      test(`a fetch error holding the key or a credential header ${where}: none survives in the error or the log`, async () => {
        const { logger, lines } = recordingLogger();
        const client = env.createClient({
          fetch: leakyFetch(leak),
          defaultHeaders: { 'x-api-key': HEADER_SECRET },
          maxRetries: 1,
          logLevel: 'debug',
          logger,
          platform: { sleep: recordingSleep().sleep },
        });
        const error = await client.sessions.list().catch((e: unknown) => e);
        expect(error).toMatchObject({ name: 'ConnectionError' });
        const found = strings(error);
        expect(found.some((text) => text.includes('fetch failed'))).toBe(true);
        for (const secret of [env.apiKey, HEADER_SECRET]) {
          expect(found.filter((text) => text.includes(secret))).toEqual([]);
          expect(lines.filter((line) => line.includes(secret))).toEqual([]);
        }
      });
    }

    test('the debug line redacts every credential-looking header, whatever its name, and shows the rest', async () => {
      const { logger, lines } = recordingLogger();
      const secrets = {
        'x-api-key': HEADER_SECRET,
        'x-auth-token': 'tok_SECRET1',
        'api-key': 'SECRET2',
        cookie: 'sid=SECRET3',
        'x-amz-security-token': 'SECRET4',
        'x-session': 'SECRET5',
        'x-forwarded-creds': 'Basic SECRET6',
      };
      const client = env.createClient({
        defaultHeaders: { ...secrets, 'x-team': 'search' },
        logLevel: 'debug',
        logger,
      });
      await client.sessions.list({ headers: { 'x-client-secret': 'SECRET8' } });
      const sending = lines.find((line) => line.includes('sending')) ?? '';
      expect(sending).toContain('x-team: search');
      expect(sending).toContain('x-api-key: [redacted]');
      expect(sending).toContain('authorization: [redacted]');
      for (const value of [...Object.values(secrets), 'SECRET8', env.apiKey])
        expect(sending).not.toContain(value);
    });
  });
}
