import { describe, expect, test } from 'vitest';
import type { Logger } from '../../src/index.js';
import type { BehaviourEnv } from './env.js';
import { recordingSleep, trackingFetch } from './tools.js';

/** Mistakes in the caller's own code and configuration: typed, named, never retried. */
export function defineUsageErrorTests(env: BehaviourEnv) {
  const client = (options: Parameters<BehaviourEnv['createClient']>[0] = {}) => {
    const tracker = trackingFetch();
    const sleeper = recordingSleep();
    const made = env.createClient({
      fetch: tracker.fetch,
      ...options,
      platform: { sleep: sleeper.sleep, ...options.platform },
    });
    return { client: made, requests: tracker.requests, delays: sleeper.delays };
  };
  const rejection = (call: Promise<unknown>) =>
    call.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (e: unknown) =>
        e as { name: string; errors: { path: string }[]; retryable: boolean; message: string },
    );
  const thrown = (make: () => unknown) => {
    try {
      make();
    } catch (error) {
      return error as { name: string; errors: { path: string }[]; message: string };
    }
    throw new Error('expected it to throw');
  };
  const recordingLogger = () => {
    const lines: string[] = [];
    const logger: Logger = {
      error: (line) => lines.push(`error ${line}`),
      warn: (line) => lines.push(`warn ${line}`),
      info: (line) => lines.push(`info ${line}`),
      debug: (line) => lines.push(`debug ${line}`),
    };
    return { logger, lines };
  };

  describe('usage errors: local mistakes are not connection failures', () => {
    test('a beforeRequest hook that reads the body is a BadRequestError naming the hook, not retried, nothing sent', async () => {
      const {
        client: c,
        requests,
        delays,
      } = client({
        hooks: {
          beforeRequest: [
            async (request) => {
              await request.text();
            },
          ],
        },
      });
      const error = await rejection(c.sessions.start({ input: 'x' }));
      expect(error).toMatchObject({ name: 'BadRequestError', retryable: false });
      expect(error.errors.map((e) => e.path)).toEqual(['options.hooks.beforeRequest']);
      expect(error.message).toContain('request.clone()');
      expect(requests).toEqual([]);
      expect(delays).toEqual([]);
      // A hook returning a Request whose body it read is the same mistake.
      const { client: d } = client({
        hooks: {
          beforeRequest: [
            async (request) => {
              const copy = new Request(request);
              await copy.text();
              return copy;
            },
          ],
        },
      });
      expect((await rejection(d.sessions.start({ input: 'x' }))).errors[0]?.path).toBe(
        'options.hooks.beforeRequest',
      );
    });

    test('an afterResponse hook that returns a response whose body it read is named, not retried', async () => {
      const { client: c, requests } = client({
        hooks: {
          afterResponse: [
            async (_request, response) => {
              await response.text();
              return response;
            },
          ],
        },
      });
      const error = await rejection(c.sessions.list());
      expect(error).toMatchObject({ name: 'BadRequestError', retryable: false });
      expect(error.errors.map((e) => e.path)).toEqual(['options.hooks.afterResponse']);
      expect(requests).toHaveLength(1);
    });

    const badFetchOptions: [string, Record<string, unknown>, string][] = [
      ['a body on a GET', { body: 'x' }, 'options.fetchOptions.body'],
      ['a dispatcher that is not one', { dispatcher: {} }, 'options.fetchOptions.dispatcher'],
      ["mode 'navigate'", { mode: 'navigate' }, 'options.fetchOptions.mode'],
      ["redirect 'bogus'", { redirect: 'bogus' }, 'options.fetchOptions.redirect'],
      ["ky's own retry", { retry: 5 }, 'options.fetchOptions.retry'],
      ["ky's throwHttpErrors", { throwHttpErrors: true }, 'options.fetchOptions.throwHttpErrors'],
      ['another fetch', { fetch: globalThis.fetch }, 'options.fetchOptions.fetch'],
      [
        "cache 'only-if-cached' without same-origin",
        { cache: 'only-if-cached' },
        'options.fetchOptions.cache',
      ],
    ];
    for (const [what, fetchOptions, path] of badFetchOptions) {
      test(`fetchOptions with ${what}: refused naming ${path}, per call and per client`, async () => {
        const { client: c, requests, delays } = client();
        const error = await rejection(c.sessions.list({ fetchOptions: fetchOptions as never }));
        expect(error).toMatchObject({ name: 'BadRequestError', retryable: false });
        expect(error.errors.map((e) => e.path)).toEqual([path]);
        expect(requests).toEqual([]);
        expect(delays).toEqual([]);
        const made = thrown(() => env.createClient({ fetchOptions: fetchOptions as never }));
        expect(made.name).toBe('BadRequestError');
        expect(made.errors.map((e) => e.path)).toEqual([path]);
      });
    }

    const badBaseUrls: [string, string, string][] = [
      ['credentials', 'http://user:PASSWORD9@127.0.0.1:9', 'credentials'],
      ['a password only', 'http://:PASSWORD9@127.0.0.1:9', 'credentials'],
      ['a query', 'http://127.0.0.1:9/?token=PASSWORD9', 'query'],
      ['a fragment', 'http://127.0.0.1:9/#PASSWORD9', 'query'],
      ['another scheme', 'ftp://127.0.0.1/PASSWORD9', 'http'],
      ['javascript:', 'javascript:PASSWORD9', 'http'],
      ['no URL at all', 'PASSWORD9', 'absolute URL'],
    ];
    for (const [what, baseUrl, says] of badBaseUrls) {
      test(`a baseUrl with ${what} is refused when the client is made, never quoted`, () => {
        const error = thrown(() => env.createClient({ baseUrl }));
        expect(error.name).toBe('BadRequestError');
        expect(error.errors.map((e) => e.path)).toEqual(['options.baseUrl']);
        expect(error.message).toContain(says);
        expect(error.message).not.toContain('PASSWORD9');
        expect(JSON.stringify(error.errors)).not.toContain('PASSWORD9');
      });
    }

    test('a baseUrl with credentials from AGENT_SESSIONS_BASE_URL is refused naming the variable', () => {
      const env_ = (name: string) =>
        name === 'AGENT_SESSIONS_BASE_URL' ? 'https://u:PASSWORD9@api.example' : undefined;
      const error = thrown(() => env.createClient({ baseUrl: undefined, platform: { env: env_ } }));
      expect(error.errors.map((e) => e.path)).toEqual(['AGENT_SESSIONS_BASE_URL']);
      expect(error.message).not.toContain('PASSWORD9');
    });
  });

  describe('usage errors: AGENT_SESSIONS_LOG never takes the app down', () => {
    const withLog = (value: string, logger: Logger) =>
      env.createClient({
        logger,
        platform: { env: (name) => (name === 'AGENT_SESSIONS_LOG' ? value : undefined) },
      });

    for (const [value, level] of [
      ['INFO', 'info'],
      ['Debug', 'debug'],
      [' info', 'info'],
      ['warn\n', 'warn'],
      ['', 'off'],
      ['  ', 'off'],
    ] as const) {
      test(`${JSON.stringify(value)} is the level ${level}`, async () => {
        const { logger, lines } = recordingLogger();
        const c = withLog(value, logger);
        await c.sessions.list();
        await c.sessions.status('ses_missing').catch(() => {});
        const levels = new Set(lines.map((line) => line.split(' ')[0]));
        expect([...levels].sort()).toEqual(
          { off: [], warn: ['error'], info: ['error', 'info'], debug: ['debug', 'error', 'info'] }[
            level
          ],
        );
      });
    }

    test('a value that names no level (1, true, verbose) warns once per value, logging stays off, nothing throws', async () => {
      const unique = `${Math.random()}`.slice(2, 8);
      for (const value of ['1', 'true', `verbose${unique}`]) {
        const { logger, lines } = recordingLogger();
        const first = withLog(value, logger);
        withLog(value, logger);
        withLog(` ${value.toUpperCase()} `, logger);
        await first.sessions.list();
        // Warned at most once in this process (an earlier test file may have warned already).
        expect(lines.filter((line) => line.startsWith('warn')).length).toBeLessThanOrEqual(1);
        expect(lines.filter((line) => !line.startsWith('warn'))).toEqual([]);
        if (value.startsWith('verbose')) {
          expect(lines).toEqual([
            'warn agent-sessions: AGENT_SESSIONS_LOG is not one of off, error, warn, info, debug; logging stays off',
          ]);
        }
      }
    });

    test('an explicit logLevel option is read in any case too; one that names no level is refused', () => {
      expect(() => env.createClient({ logLevel: 'INFO' as never })).not.toThrow();
      expect(thrown(() => env.createClient({ logLevel: 'verbose' as never })).errors).toEqual([
        { path: 'options.logLevel', message: 'expected one of off, error, warn, info, debug' },
      ]);
    });
  });
}
