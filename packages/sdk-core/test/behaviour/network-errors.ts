import { describe, expect, test } from 'vitest';
import type { FetchLike } from '../../src/index.js';
import type { BehaviourEnv } from './env.js';
import { recordingSleep } from './tools.js';

/** A code-carrying error, as Node's `net`, `dns` and `tls` make them. */
const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** The reason under a `fetch failed` is named in the ConnectionError's message. */
export function defineNetworkErrorTests(env: BehaviourEnv) {
  const failing =
    (error: () => unknown): FetchLike =>
    async () => {
      throw error();
    };
  const cases: [string, () => unknown, string[]][] = [
    [
      'ECONNREFUSED one cause down (Node)',
      () =>
        new TypeError('fetch failed', {
          cause: systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
        }),
      ['fetch failed: connect ECONNREFUSED 127.0.0.1:9'],
    ],
    [
      'ENOTFOUND',
      () =>
        new TypeError('fetch failed', {
          cause: systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.invalid'),
        }),
      ['getaddrinfo ENOTFOUND api.invalid'],
    ],
    [
      'ECONNRESET two causes down',
      () =>
        new TypeError('fetch failed', {
          cause: new Error('other side closed', {
            cause: systemError('ECONNRESET', 'read ECONNRESET'),
          }),
        }),
      ['read ECONNRESET'],
    ],
    [
      'a certificate error',
      () =>
        new TypeError('fetch failed', {
          cause: systemError(
            'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
            'unable to verify the first certificate',
          ),
        }),
      ['unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE)'],
    ],
    [
      'an AggregateError with no message (both addresses refused)',
      () =>
        new TypeError('fetch failed', {
          cause: new AggregateError(
            [systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:9')],
            '',
          ),
        }),
      ['connect ECONNREFUSED ::1:9'],
    ],
  ];

  describe('network errors name their reason', () => {
    for (const [what, error, says] of cases) {
      test(`fetch failed with ${what}: the message names it`, async () => {
        const client = env.createClient({
          fetch: failing(error),
          maxRetries: 0,
          platform: { sleep: recordingSleep().sleep },
        });
        const failure = (await client.sessions.list().catch((e: unknown) => e)) as Error;
        expect(failure).toMatchObject({ name: 'ConnectionError', retryable: true });
        for (const text of says) expect(failure.message).toContain(text);
      });
    }

    test('a message that already names its code (Bun) is not repeated; one with no code underneath is left alone', async () => {
      const bun = Object.assign(new Error('Unable to connect. ConnectionRefused'), {
        code: 'ConnectionRefused',
      });
      const plain = new TypeError('Failed to fetch');
      for (const [error, ending] of [
        [bun, ' - Unable to connect. ConnectionRefused (1 attempt'],
        [plain, ' - Failed to fetch (1 attempt'],
      ] as const) {
        const client = env.createClient({ fetch: failing(() => error), maxRetries: 0 });
        const failure = (await client.sessions.list().catch((e: unknown) => e)) as Error;
        expect(failure.message).toContain(ending);
      }
    });
  });
}
