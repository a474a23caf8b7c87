// The handler in Cloudflare's runtime: bundled as a Worker and run by workerd through miniflare,
// against the real mock server over HTTP.
import { fileURLToPath } from 'node:url';
import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, BASE_PATH } from './support/two-users.js';

// A Worker as an app writes one: the handler in `fetch`, the key from the environment.
const WORKER = `
import { createSessionsHandler } from ${JSON.stringify(fileURLToPath(new URL('../src/index.ts', import.meta.url)))};
let handler;
export default {
  fetch(request, env) {
    handler ??= createSessionsHandler({
      apiKey: env.AGENT_SESSIONS_API_KEY,
      baseUrl: env.UPSTREAM,
      basePath: ${JSON.stringify(BASE_PATH)},
      user: (request) => /sid=(alice|bob)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? null,
    });
    return handler(request);
  },
};
`;

let mock: MockServer;
let worker: Miniflare;
let down: Miniflare;

async function workerFor(upstream: string): Promise<Miniflare> {
  const bundle = await build({
    stdin: {
      contents: WORKER,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  return new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: '2025-09-01',
    bindings: { AGENT_SESSIONS_API_KEY: API_KEY, UPSTREAM: upstream },
  });
}

beforeAll(async () => {
  mock = await createMockServer();
  worker = await workerFor(mock.url);
  const gone = await createMockServer();
  const goneUrl = gone.url;
  await gone.close();
  down = await workerFor(goneUrl);
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
  await down?.dispose();
  await mock?.close();
});

const call = (
  mf: Miniflare,
  user: string,
  path: string,
  init: { method?: string; body?: string } = {},
) =>
  mf.dispatchFetch(`http://app.test${BASE_PATH}${path}`, {
    ...init,
    headers: { cookie: `sid=${user}`, 'content-type': 'application/json' },
  });

describe('in workerd (miniflare)', () => {
  it('starts and watches a session for its owner, and gives another user the 404 with nothing forwarded', async () => {
    const started = await call(worker, 'alice', '/v1/sessions', {
      method: 'POST',
      body: JSON.stringify({ input: 'Hi.', metadata: { scenario: 'tool-calls' } }),
    });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    const changes = await call(worker, 'alice', `/v1/sessions/${id}/changes?from=0&wait_s=5`);
    expect(changes.status).toBe(200);
    expect(((await changes.json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);

    mock.journal.clear();
    for (const path of [`/v1/sessions/${id}/events`, `/v1/sessions/${id}/cancel`]) {
      const method = path.endsWith('cancel') ? 'POST' : 'GET';
      const response = await call(worker, 'bob', path, { method });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain(API_KEY);
    }
    expect(
      mock.journal.list({ sessionId: id }).filter((e) => e.operation !== 'getSession'),
    ).toEqual([]);
    const listed = (await (await call(worker, 'bob', '/v1/sessions')).json()) as {
      data: unknown[];
    };
    expect(listed.data).toEqual([]);
  });

  it('refuses a path outside the API with a 404 and no upstream call', async () => {
    mock.journal.clear();
    const response = await call(worker, 'alice', '/v1/sessions/x%2F..%2F_mock/stats');
    expect(response.status).toBe(404);
    expect(mock.journal.count()).toBe(0);
  });

  it('answers 502 problem+json when the upstream is down', async () => {
    const response = await call(down, 'alice', '/v1/sessions');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
