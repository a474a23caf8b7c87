import { useState } from 'react';
import { CONVERSATION_IDLE_TIMEOUT_S, scenarios } from './config';

// Only the conversation has turns after the first; the others end on their answer.
const idleTimeoutFor = (scenario: string) =>
  String(scenario === 'conversation' ? CONVERSATION_IDLE_TIMEOUT_S : 0);

/** The "New session" card: pick a scenario of the mock's catalog, write a task, start. */
export function StartForm({
  starting,
  onStart,
}: {
  /** A start is in flight: its button waits. */
  starting: boolean;
  onStart: (input: string, scenario: string, idleTimeoutS: number) => void;
}) {
  // Delegation first: it shows the most (subagents in their lanes).
  const [scenario, setScenario] = useState(() =>
    scenarios.some(({ name }) => name === 'delegation') ? 'delegation' : (scenarios[0]?.name ?? ''),
  );
  const [input, setInput] = useState('Research the question and give me a short answer.');
  const [idleTimeout, setIdleTimeout] = useState(() => idleTimeoutFor(scenario));
  const description = scenarios.find(({ name }) => name === scenario)?.description ?? '';

  return (
    <section className="card start" aria-labelledby="start-title">
      <h2 id="start-title">New session</h2>
      <form
        id="start-form"
        className="start-form"
        onSubmit={(event) => {
          event.preventDefault();
          onStart(input, scenario, Number(idleTimeout) || 0);
        }}
      >
        <label className="field">
          <span>Scenario</span>
          <select
            id="scenario"
            name="scenario"
            value={scenario}
            onChange={(event) => {
              setScenario(event.target.value);
              setIdleTimeout(idleTimeoutFor(event.target.value));
            }}
          >
            {scenarios.map(({ name }) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <p id="scenario-description" className="hint">
          {description}
        </p>
        <label className="field">
          <span>Task</span>
          <textarea
            id="input"
            name="input"
            rows={2}
            required
            value={input}
            onChange={(event) => setInput(event.target.value)}
          />
        </label>
        <div className="start-row">
          <label className="field idle">
            <span>Idle timeout (s)</span>
            <input
              id="idle-timeout"
              name="idle_timeout_s"
              type="number"
              min="0"
              max="86400"
              step="1"
              value={idleTimeout}
              onChange={(event) => setIdleTimeout(event.target.value)}
            />
          </label>
          <button id="start" type="submit" className="primary" disabled={starting}>
            Start session
          </button>
        </div>
      </form>
    </section>
  );
}
