// A Node CommonJS consumer of the published packages: one session against the published mock server.
const { createMockServer } = require('@agent-sessions/mock-server');
const { isTerminal } = require('@agent-sessions/protocol');
const { AgentSessions } = require('@agent-sessions/sdk-node');

async function main() {
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
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
