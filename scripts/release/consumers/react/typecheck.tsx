// A strict TypeScript React consumer of the published @agent-sessions/react: type-checked with
// the DOM library, React's types and no Node types; the @ts-expect-error lines fail if the
// hook's types were `any`.
import {
  AgentSessions,
  AgentSessionsProvider,
  type LiveSession,
  type SavedSession,
  type SessionEvent,
  useAgentSessions,
  useSession,
} from '@agent-sessions/react';

export function Status({ id, saved }: { id: string | null; saved?: SavedSession }) {
  const client = useAgentSessions();
  const result = useSession(id, {
    client,
    initial: saved,
    throttleMs: 100,
    onEvent: (event: SessionEvent) => console.log(event.index),
    onAnswer: (answer: string) => console.log(answer.length),
  });
  // @ts-expect-error the modes are 'events' and 'status'
  useSession(id, { client, mode: 'poll' });
  // @ts-expect-error `session` is undefined until there is a session
  result.session.pause();
  if (!result.session) return <p>no session</p>;
  const live: LiveSession = result;
  return (
    <p>
      {live.state} · {live.step_count} steps · {live.save().cursor}
      <button type="button" onClick={() => live.session.pause()}>
        Pause
      </button>
    </p>
  );
}

export const app = (
  <AgentSessionsProvider client={new AgentSessions({ apiKey: async () => 'test-key' })}>
    <Status id="ses_1" />
  </AgentSessionsProvider>
);
