// The same strict check from CommonJS: under node16 resolution this file resolves the packages'
// `require` conditions, so it checks the published .d.cts declarations.
import { createMockServer } from '@agent-sessions/mock-server';
import { isTerminal } from '@agent-sessions/protocol';
import { AgentSessions } from '@agent-sessions/sdk-node';

export async function runOnceFromCommonJs(): Promise<boolean> {
  const server = await createMockServer({ port: 0 });
  try {
    const client = new AgentSessions({ apiKey: 'test-key', baseUrl: server.url });
    const { session } = await client.sessions.run({ input: 'What is the capital of France?' });
    // @ts-expect-error `apiKey` must be a string
    new AgentSessions({ apiKey: 42, baseUrl: server.url });
    return isTerminal(session.state);
  } finally {
    await server.close();
  }
}
