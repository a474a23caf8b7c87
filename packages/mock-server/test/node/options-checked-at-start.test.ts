// Options are checked when the server starts, each with a TypeError naming it: a bad one found
// later (on the first malformed request, on the first admin call) took the process down or made
// a token that could never match.
import { describe, expect, onTestFinished, test } from 'vitest';
import { createMockServer, MockAdminClient, type MockServerOptions } from '../../src/index.js';
import { rawReply } from './raw-http.js';

describe('createMockServer checks every option at start', () => {
  test.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY], [1.5], ['1000'], [2 ** 31]])(
    'closeGraceMs %s is refused with a TypeError naming it',
    async (closeGraceMs) => {
      await expect(
        createMockServer({ closeGraceMs } as unknown as MockServerOptions),
      ).rejects.toThrow(/^closeGraceMs: /);
    },
  );

  test('closeGraceMs 0 is valid: a malformed request and a CONNECT get their answers, the server stays up', async () => {
    const server = await createMockServer({ closeGraceMs: 0 });
    onTestFinished(() => server.close());
    const host = new URL(server.url).host;
    const garbage = await rawReply(server.url, 'GARBAGE\r\n\r\n');
    expect(garbage.status).toBe(400);
    const connect = await rawReply(server.url, `CONNECT ${host} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    expect(connect.status).toBe(405);
    const still = await fetch(`${server.url}/v1/sessions`, {
      headers: { Authorization: 'Bearer test-key' },
    });
    expect(still.status).toBe(200);
  });

  test.each<[string, Partial<MockServerOptions>, RegExp]>([
    ['onResponse not a function', { onResponse: 'log' as never }, /^onResponse: /],
    ['onEvent not a function', { onEvent: 1 as never }, /^onEvent: /],
    ['apiKeys not an array', { apiKeys: 'test-key' as never }, /^apiKeys: /],
    ['an empty api key', { apiKeys: [''] }, /^apiKeys\[0\]: /],
    ['an api key with a space', { apiKeys: ['a b'] }, /^apiKeys\[0\]: /],
    ['autoAdvance not a boolean', { autoAdvance: 'no' as never }, /^autoAdvance: /],
    ['validateResponses not a boolean', { validateResponses: 0 as never }, /^validateResponses: /],
    ['port out of range', { port: 70_000 }, /port/i],
    ['admin not an object', { admin: 'token' as never }, /^admin: /],
    ['retention not an object', { retention: 5 as never }, /^retention: /],
    ['faults not an array', { faults: {} as never }, /^faults: /],
    ['chaos.rate above 1', { chaos: { rate: 2, seed: 1 } }, /^chaos\.rate: /],
    ['chaos.rate NaN', { chaos: { rate: Number.NaN, seed: 1 } }, /^chaos\.rate: /],
    ['chaos without a seed', { chaos: { rate: 0.5 } as never }, /^chaos\.seed: /],
    [
      'chaos.kinds unknown',
      { chaos: { rate: 1, seed: 1, kinds: ['boom' as never] } },
      /^chaos\.kinds: /,
    ],
    [
      'chaos misspelt field',
      { chaos: { rate: 1, seed: 1, operation: [] } as never },
      /^chaos\.operation: /,
    ],
  ])('%s is refused at start', async (_what, options, message) => {
    await expect(createMockServer(options as MockServerOptions)).rejects.toThrow(message);
  });
});

describe('admin tokens that could never travel in a header are refused at start', () => {
  const SECRET = 'hunter2-secret';
  test.each([
    ['non-Latin-1', `${SECRET}\u20ac`],
    ['Latin-1 but not ASCII', `${SECRET}\u00e9`],
    ['padded with a space', ` ${SECRET}`],
    ['ending with a tab', `${SECRET}\t`],
    ['containing a newline', `${SECRET}\nX-Evil: 1`],
    ['containing a NUL', `${SECRET}\u0000`],
  ])(
    'a token %s: createMockServer throws a TypeError naming admin.token, not quoting it',
    async (_what, token) => {
      const started = createMockServer({ admin: { token } });
      await expect(started).rejects.toThrow(TypeError);
      await expect(started).rejects.toThrow(/^admin\.token: /);
      await expect(started).rejects.not.toThrow(SECRET);
    },
  );

  test.each([
    ['containing a newline', `${SECRET}\nX-Evil: 1`],
    ['padded', `${SECRET} `],
    ['non-Latin-1', `${SECRET}\u20ac`],
  ])(
    'MockAdminClient refuses an adminToken %s at construction, without quoting it',
    (_what, token) => {
      const make = () => new MockAdminClient('http://127.0.0.1:1', { adminToken: token });
      expect(make).toThrow(TypeError);
      expect(make).toThrow(/^adminToken: /);
      expect(make).not.toThrow(SECRET);
    },
  );

  test('a token with inner spaces and symbols works end to end over HTTP', async () => {
    const token = 'dev only ~!@#$%^&*()_+';
    const server = await createMockServer({ admin: { token } });
    onTestFinished(() => server.close());
    expect(await new MockAdminClient(server.url, { adminToken: token }).stats()).toMatchObject({
      sessions: 0,
    });
    await expect(new MockAdminClient(server.url, { adminToken: 'nope' }).stats()).rejects.toThrow(
      /403/,
    );
  });
});
