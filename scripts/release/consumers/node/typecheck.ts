// A strict TypeScript ESM consumer of the published declarations: type-checked, never run.
// The @ts-expect-error lines prove the published types are precise, not `any`: if a type
// degraded to `any`, the directive would be unused and the check would fail.
import { createMockServer } from '@agent-sessions/mock-server';
import { isTerminal, type Session, type SessionState } from '@agent-sessions/protocol';
import { AgentSessions } from '@agent-sessions/sdk-node';

export async function runOnce(): Promise<{ state: SessionState; done: boolean }> {
  const server = await createMockServer({ port: 0 });
  try {
    const client = new AgentSessions({ apiKey: 'test-key', baseUrl: server.url });
    const { session } = await client.sessions.run({ input: 'What is the capital of France?' });
    const snapshot: Pick<Session, 'id' | 'state'> = session;
    // @ts-expect-error `input` must be a string
    await client.sessions.run({ input: 42 });
    // @ts-expect-error `state` is a SessionState, not a number
    const notANumber: number = snapshot.state;
    void notANumber;
    return { state: snapshot.state, done: isTerminal(snapshot.state) };
  } finally {
    await server.close();
  }
}
