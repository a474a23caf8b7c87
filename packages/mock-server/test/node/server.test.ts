import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { createMockServer } from '../../src/index.js';
import { api, startServer } from '../support/server.js';

const auth = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };

describe('createMockServer', () => {
  test('listens on 127.0.0.1 at a free port; url has no trailing slash', async () => {
    const server = await startServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.clock.mode).toBe('virtual');
  });

  test('server.fetch is the same server in-process, without a socket', async () => {
    const server = await startServer();
    const created = await server.fetch('/v1/sessions', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ input: 'In-process.' }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const over = await api(server).get(id);
    expect(over.body.id).toBe(id);
    const viaRequest = await server.fetch(
      new Request(`${server.url}/v1/sessions/${id}`, { headers: auth }),
    );
    expect((await viaRequest.json()).id).toBe(id);
  });

  test('CORS: a preflight from another origin is allowed, and responses expose the headers', async () => {
    const server = await startServer();
    const preflight = await fetch(`${server.url}/v1/sessions`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const response = await fetch(`${server.url}/v1/sessions`, {
      headers: { ...auth, Origin: 'http://localhost:5173' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const exposed = response.headers.get('access-control-expose-headers')!;
    expect(exposed).toContain('X-Request-Id');
    expect(exposed).toContain('Retry-After');
  });

  test('close() answers parked polls, frees the port and leaves no handles', async () => {
    const before = handleCounts();
    const server = await createMockServer({ clock: { mode: 'real', speed: 1 } });
    const client = api(server);
    const { body } = await client.create({ input: 'x', metadata: { scenario: 'slow' } });
    const polls = Array.from({ length: 5 }, () => client.changes(body.id, 2, 60));
    while (server.stats().parked < 5) await new Promise((resolve) => setImmediate(resolve));
    const port = Number(new URL(server.url).port);
    await server.close();
    for (const reply of await Promise.all(polls)) {
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ events: [], next: 2 });
    }
    await expect(fetch(`${server.url}/v1/sessions`, { headers: auth })).rejects.toThrow(TypeError);
    await listenOn(port);
    // Nothing of this server is left: no kind of handle grew. (The client's own sockets, closed
    // by the server, are released by Node a few event-loop turns later.)
    const grew = () =>
      Object.entries(handleCounts()).filter(([name, count]) => count > (before[name] ?? 0));
    for (let turn = 0; turn < 100 && grew().length > 0; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(grew()).toEqual([]);
  });

  test('a client that leaves a parked poll stops the server waiting for it', async () => {
    const server = await startServer({ autoAdvance: false });
    const { body } = await api(server).create({ input: 'x' });
    const aborter = new AbortController();
    const poll = fetch(`${server.url}/v1/sessions/${body.id}/changes?from=2&wait_s=60`, {
      headers: auth,
      signal: aborter.signal,
    });
    while (server.stats().parked < 1) await new Promise((resolve) => setImmediate(resolve));
    aborter.abort();
    await expect(poll).rejects.toThrow(/abort/i);
    while (server.stats().parked > 0) await new Promise((resolve) => setImmediate(resolve));
    expect(server.stats()).toMatchObject({ sessions: 1, parked: 0, held: 0 });
  });

  test('a request the engine cannot handle after close gets a 503', async () => {
    const server = await createMockServer();
    await server.close();
    const reply = await server.fetch('/v1/sessions', { headers: auth });
    expect(reply.status).toBe(503);
  });
});

function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) {
    if (name === 'TTYWrap' || name === 'FSReqCallback') continue;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

function listenOn(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
