// A smoke test of the packed @agent-sessions/server, run by Node, Bun and Deno against a mock
// server started by scripts/release/runtimes.mjs: the handler is served by the runtime's own
// HTTP server (Node's `http` through `@agent-sessions/server/node`, `Bun.serve`, `Deno.serve`),
// alice follows a session through it with sdk-web, and bob, given its id, gets 404s. Prints one
// JSON line that the runner checks against what the mock server recorded.
import { AgentSessions } from '@agent-sessions/sdk-web';
import { createSessionsHandler } from '@agent-sessions/server';

const env = (name) => (globalThis.Deno ? globalThis.Deno.env.get(name) : process.env[name]);
const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.versions.node}`;
const apiKey = env('AGENT_SESSIONS_API_KEY');
const BASE_PATH = '/api/agent-sessions';

const handler = createSessionsHandler({
  apiKey,
  baseUrl: env('AGENT_SESSIONS_BASE_URL'),
  basePath: BASE_PATH,
  user: (request) => /sid=(alice|bob)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? null,
});

/** Serves the handler on 127.0.0.1 with the runtime's own server. */
async function serve() {
  if (globalThis.Deno) {
    const server = globalThis.Deno.serve(
      { hostname: '127.0.0.1', port: 0, onListen() {} },
      handler,
    );
    return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
  }
  if (globalThis.Bun) {
    const server = globalThis.Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handler });
    return { url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) };
  }
  const { createServer } = await import('node:http');
  const { toNodeHandler } = await import('@agent-sessions/server/node');
  const server = createServer(toNodeHandler(handler));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const server = await serve();
const pageTexts = [];
try {
  const api = `${server.url}${BASE_PATH}`;
  const alice = new AgentSessions({
    baseUrl: api,
    headers: { cookie: 'sid=alice' },
    maxRetries: 0,
  });
  const session = await alice.sessions.start({
    input: 'Look something up',
    metadata: { scenario: 'tool-calls' },
  });
  const indexes = [];
  for await (const event of session.watch()) indexes.push(event.index);
  const answer = await session.answer();

  const asBob = async (path, method = 'GET') => {
    const response = await fetch(`${api}${path}`, { method, headers: { cookie: 'sid=bob' } });
    const text = await response.text();
    pageTexts.push(text, JSON.stringify([...response.headers]));
    return { status: response.status, text };
  };
  const bob = {
    status: (await asBob(`/v1/sessions/${session.id}`)).status,
    events: (await asBob(`/v1/sessions/${session.id}/events`)).status,
    cancel: (await asBob(`/v1/sessions/${session.id}/cancel`, 'POST')).status,
    listed: JSON.parse((await asBob('/v1/sessions')).text).data.length,
    mockPath: (await asBob('/v1/sessions/..%2F..%2F_mock%2Fstats')).status,
  };
  console.log(
    JSON.stringify({
      runtime,
      watched: { id: session.id, indexes, answer },
      bob,
      keyLeaked: pageTexts.some((text) => text.includes(apiKey)),
    }),
  );
} finally {
  await server.close();
}
