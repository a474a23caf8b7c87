// A React consumer of the published @agent-sessions/react, built by Vite as a fresh React app
// is: starts one session against the mock server named in `?mock=` and follows it with
// useSession until it ends, then prints what the hook returned.
import {
  AgentSessions,
  AgentSessionsProvider,
  useAgentSessions,
  useSession,
} from '@agent-sessions/react';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

const baseUrl = new URL(location.href).searchParams.get('mock');

function Run() {
  const client = useAgentSessions();
  const [id, setId] = useState(null);
  const [failure, setFailure] = useState(null);
  const answers = useRef([]);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    client.sessions
      .start({ input: 'What is the capital of France?' })
      .then((session) => setId(session.id), setFailure);
  }, [client]);
  const session = useSession(id, { onAnswer: (answer) => answers.current.push(answer) });
  const error = failure ?? session.error;
  if (error) {
    return (
      <pre id="result" data-done="error">
        {JSON.stringify({ error: `${error.name}: ${error.message}` })}
      </pre>
    );
  }
  if (!session.done) return <pre id="result">{session.state ?? 'starting'}</pre>;
  return (
    <pre id="result" data-done="ok">
      {JSON.stringify({
        answer: session.answer,
        state: session.state,
        events: session.events.length,
        indexes: session.events.map((event) => event.index),
        onAnswer: answers.current,
      })}
    </pre>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <AgentSessionsProvider client={new AgentSessions({ apiKey: async () => 'test-key', baseUrl })}>
      <Run />
    </AgentSessionsProvider>
  </StrictMode>,
);
