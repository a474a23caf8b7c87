import { once } from 'node:events';
import { createServer, request as forward, type Server } from 'node:http';
import { connect } from 'node:net';
import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import { ProxyAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AgentSessions } from '../src/index.js';

/**
 * A real forwarding HTTP proxy (what a corporate proxy does): CONNECT tunnels, and absolute-URL
 * requests forwarded; it records what went through it.
 */
function startProxy() {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { server, seen };
}

let api: MockServer;
let proxy: ReturnType<typeof startProxy>;
let proxyUrl: string;
beforeAll(async () => {
  api = await createMockServer();
  proxy = startProxy();
  proxy.server.listen(0, '127.0.0.1');
  await once(proxy.server, 'listening');
  const address = proxy.server.address() as { port: number };
  proxyUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  proxy.server.closeAllConnections();
  await new Promise((resolve) => (proxy.server as Server).close(resolve));
  await api.close();
});

describe('fetchOptions through a real local proxy', () => {
  test("undici's ProxyAgent as fetchOptions.dispatcher sends every call through the proxy", async () => {
    const dispatcher = new ProxyAgent(proxyUrl);
    try {
      const client = new AgentSessions({
        apiKey: 'test-key',
        baseUrl: api.url,
        fetchOptions: { dispatcher },
      });
      const session = await client.sessions.start({ input: 'x' });
      expect((await session.status()).id).toBe(session.id);
      const host = new URL(api.url).host;
      // Plain http through a proxy: undici tunnels with CONNECT to the API's host.
      expect(proxy.seen.filter((line) => line.includes(host)).length).toBeGreaterThan(0);
      const before = proxy.seen.length;
      await new AgentSessions({ apiKey: 'test-key', baseUrl: api.url }).sessions.status(session.id);
      expect(proxy.seen.length).toBe(before);
    } finally {
      await dispatcher.close();
    }
  });

  test('a per-call dispatcher routes just that call', async () => {
    const dispatcher = new ProxyAgent(proxyUrl);
    try {
      const client = new AgentSessions({ apiKey: 'test-key', baseUrl: api.url });
      const before = proxy.seen.length;
      await client.sessions.list({ fetchOptions: { dispatcher } });
      expect(proxy.seen.length).toBeGreaterThan(before);
    } finally {
      await dispatcher.close();
    }
  });
});
