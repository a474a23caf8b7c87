'use client';

import { useAgentSessions } from '@agent-sessions/react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';

// The mock server plays the recorded session named by `metadata.scenario`; the real API keeps
// it as plain metadata. Drop the picker in a real app.
const SCENARIOS = ['short-answer', 'tool-calls', 'delegation', 'slow', 'failure'];

/** Starts a session for the signed-in user and opens its page. */
export function StartForm() {
  const client = useAgentSessions();
  const router = useRouter();
  const [input, setInput] = useState('What is the capital of France?');
  const [scenario, setScenario] = useState('short-answer');
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setStarting(true);
    setError(null);
    try {
      const session = await client.sessions.start({ input, metadata: { scenario } });
      router.push(`/sessions/${session.id}`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setStarting(false);
    }
  };

  return (
    <form className="card" onSubmit={start}>
      <h1>Start a session</h1>
      <label htmlFor="input">Ask the agent</label>
      <textarea id="input" rows={3} value={input} onChange={(e) => setInput(e.target.value)} />
      <div className="row">
        <label htmlFor="scenario" className="inline">
          Mock scenario
        </label>
        <select id="scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
          {SCENARIOS.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        <button type="submit" disabled={starting || input.trim() === ''}>
          {starting ? 'Starting…' : 'Start session'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
