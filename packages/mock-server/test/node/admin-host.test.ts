// Threat: DNS rebinding. A page on rebind.evil.example re-points its name at 127.0.0.1; its
// requests then reach the mock as same-origin (`Sec-Fetch-Site: same-origin`, a matching
// `Origin`), but with the attacker's name in `Host`. Two users: the victim (a test run holding
// sessions) and the attacker's page. Raw sockets, so the Host header is exactly what a browser
// would send.
import { describe, expect, onTestFinished, test } from 'vitest';
import { createMockServer, type MockServer, type MockServerOptions } from '../../src/index.js';
import { rawReply } from './raw-http.js';

async function start(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await createMockServer(options);
  onTestFinished(() => server.close());
  return server;
}

const port = (server: MockServer) => new URL(server.url).port;

/** An admin request as the rebinding page's browser sends it. */
function fromPage(server: MockServer, method: string, path: string, host: string, extra = '') {
  const hasPort = /:\d+$/.test(host) && !host.endsWith(']');
  const hostHeader = hasPort ? host : `${host}:${port(server)}`;
  return rawReply(
    server.url,
    `${method} ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nOrigin: http://${hostHeader}\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 0\r\n${extra}Connection: close\r\n\r\n`,
  );
}

async function victimSession(server: MockServer): Promise<string> {
  const response = await fetch(`${server.url}/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' },
    body: '{"input":"the victim\'s session"}',
  });
  return ((await response.json()) as { id: string }).id;
}

describe('DNS rebinding cannot reach the /_mock admin routes', () => {
  test('a rebinding page cannot read /_mock/stats or the journal (403, nothing of the victim leaks)', async () => {
    const server = await start();
    const id = await victimSession(server);
    for (const path of [
      '/_mock/stats',
      '/_mock/journal',
      `/_mock/sessions/${id}`,
      '/_mock/faults',
    ]) {
      const reply = await fromPage(server, 'GET', path, 'rebind.evil.example');
      expect(reply.status, path).toBe(403);
      expect(reply.body).not.toContain(id);
      expect(reply.json).toMatchObject({ code: 'forbidden' });
      expect(reply.json.detail).toMatch(/Host/);
    }
  });

  test('a rebinding page cannot reset the server or add a fault: the victim keeps its session', async () => {
    const server = await start();
    const id = await victimSession(server);
    expect((await fromPage(server, 'POST', '/_mock/reset', 'rebind.evil.example')).status).toBe(
      403,
    );
    const fault = await fromPage(
      server,
      'POST',
      '/_mock/faults',
      'rebind.evil.example',
      'Content-Type: application/json\r\n',
    );
    expect(fault.status).toBe(403);
    expect(server.sessions.get(id)).toBeDefined();
    expect(server.faults.list()).toEqual([]);
  });

  test.each([
    'LOCALHOST.evil.example',
    'localhost.evil.example',
    '127.0.0.1.evil.example',
    '127.0.0.1.nip.io',
    '0.0.0.0',
    '[::ffff:7f00:1]',
    '192.168.1.10',
    'evil@127.0.0.1',
  ])('Host %s is not loopback: refused', async (host) => {
    const server = await start();
    expect((await fromPage(server, 'GET', '/_mock/stats', host)).status).toBe(403);
  });

  test.each([
    '127.0.0.1',
    'localhost',
    'LocalHost',
    'localhost.',
    'app.localhost',
    '127.1.2.3',
    '[::1]',
  ])('Host %s is loopback: answered', async (host) => {
    const server = await start();
    expect((await fromPage(server, 'GET', '/_mock/stats', host)).status).toBe(200);
  });

  test('admin.allowHosts names a host the admin routes may be called by (a container name)', async () => {
    const server = await start({ admin: { allowHosts: ['mock'] } });
    expect((await fromPage(server, 'GET', '/_mock/stats', 'mock')).status).toBe(200);
    expect((await fromPage(server, 'GET', '/_mock/stats', 'rebind.evil.example')).status).toBe(403);
  });

  test('with admin.token set the Host is not what protects: the token is (a page cannot know it)', async () => {
    const server = await start({ admin: { token: 'tok-123' } });
    expect((await fromPage(server, 'GET', '/_mock/stats', 'rebind.evil.example')).status).toBe(403);
    const withToken = await fromPage(
      server,
      'GET',
      '/_mock/stats',
      'mock.internal',
      'X-Mock-Admin-Token: tok-123\r\n',
    );
    expect(withToken.status).toBe(200);
  });

  test('admin.allowHosts must be a list of host names', async () => {
    await expect(createMockServer({ admin: { allowHosts: 'mock' as never } })).rejects.toThrow(
      /^admin\.allowHosts: /,
    );
    await expect(createMockServer({ admin: { allowHosts: ['mock:4010'] } })).rejects.toThrow(
      /^admin\.allowHosts: /,
    );
  });
});
