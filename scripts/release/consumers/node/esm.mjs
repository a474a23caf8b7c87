// A Node ESM consumer of the published packages: one session against the published mock server.
import { createMockServer } from '@agent-sessions/mock-server';
import { isTerminal } from '@agent-sessions/protocol';
import { AgentSessions } from '@agent-sessions/sdk-node';

const server = await createMockServer();
try {
  const client = new AgentSessions({ apiKey: 'test-key', baseUrl: server.url });
  const { answer, session } = await client.sessions.run({
    input: 'What is the capital of France?',
  });
  console.log(
    JSON.stringify({ answer, state: session.state, terminal: isTerminal(session.state) }),
  );
} finally {
  await server.close();
}
