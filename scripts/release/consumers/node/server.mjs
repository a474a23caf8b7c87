// A Node consumer of the published server package: the handler in front of the published mock
// server, served by Node's `http` through `@agent-sessions/server/node`; alice runs a session
// through it with sdk-node (no key: the handler adds it), bob gets a 404 for it.
import { createServer } from 'node:http';
import { createMockServer } from '@agent-sessions/mock-server';
import { isTerminal } from '@agent-sessions/protocol';
import { AgentSessions } from '@agent-sessions/sdk-node';
import { createSessionsHandler } from '@agent-sessions/server';
import { toNodeHandler } from '@agent-sessions/server/node';

const upstream = await createMockServer();
const handler = createSessionsHandler({
  apiKey: 'test-key',
  baseUrl: upstream.url,
  basePath: '/api/agent-sessions',
  user: (request) => /sid=(alice|bob)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? null,
});
const app = createServer(toNodeHandler(handler));
await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
try {
  const api = `http://127.0.0.1:${app.address().port}/api/agent-sessions`;
  const alice = new AgentSessions({ apiKey: null, baseUrl: api, headers: { cookie: 'sid=alice' } });
  const { answer, session } = await alice.sessions.run({ input: 'What is the capital of France?' });
  const bob = await fetch(`${api}/v1/sessions/${session.id}`, { headers: { cookie: 'sid=bob' } });
  console.log(
    JSON.stringify({
      answer,
      state: session.state,
      terminal: isTerminal(session.state),
      bob: bob.status,
      owner: upstream.sessions.get(session.id)?.session.metadata.agent_sessions_owner,
    }),
  );
} finally {
  app.close();
  await upstream.close();
}
