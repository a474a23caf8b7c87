import type { LiveSession, SessionHandle } from '@agent-sessions/react';
import { type Action, allowedActions } from './actions';
import type { Notice } from './app';
import { count } from './session-text';

type Steer = Exclude<Action, 'send'>;

/** The steering buttons: label, element id, what they call, what to say after. */
const CONTROLS: {
  action: Steer;
  id: string;
  label: string;
  call: (handle: SessionHandle) => Promise<unknown>;
  done?: string;
  className?: string;
}[] = [
  { action: 'pause', id: 'pause', label: 'Pause', call: (h) => h.pause() },
  { action: 'resume', id: 'resume', label: 'Resume', call: (h) => h.resume() },
  {
    action: 'forceAnswer',
    id: 'force',
    label: 'Force answer',
    call: (h) => h.forceAnswer(),
    done: 'Answer requested: the agent answers after its current step.',
  },
  { action: 'cancel', id: 'cancel', label: 'Cancel', call: (h) => h.cancel(), className: 'danger' },
];

/** The session card: a status bar (state, steps, tokens, turn, id), the controls, a notice. */
export function SessionCard({
  session,
  busy,
  notice,
  onAct,
}: {
  /** The watched session; `undefined` before the first start. */
  session: LiveSession | undefined;
  busy: Action | 'start' | undefined;
  notice: Notice | undefined;
  onAct: (
    action: Action,
    call: (handle: SessionHandle) => Promise<unknown>,
    done?: string,
  ) => unknown;
}) {
  const live = session;
  const allowed = allowedActions(live?.state);
  const usage = live?.usage;
  return (
    <section className="card session" aria-label="Session">
      <div className="status-bar">
        <span id="state" className="state-pill" data-state={live?.state ?? 'none'} role="status">
          {live ? (live.state ?? 'starting') : 'no session'}
        </span>
        <dl className="stats">
          <div>
            <dt>Steps</dt>
            <dd id="steps">{count(live?.step_count ?? 0)}</dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd
              id="tokens"
              title={
                usage ? `${count(usage.input_tokens)} in · ${count(usage.output_tokens)} out` : ''
              }
            >
              {count(usage?.total_tokens ?? 0)}
            </dd>
          </div>
          <div>
            <dt>Turn</dt>
            <dd id="turn">{live?.turn ? String(live.turn) : '–'}</dd>
          </div>
        </dl>
        <code id="session-id" className="session-id">
          {live?.id ?? ''}
        </code>
      </div>
      <fieldset className="controls">
        <legend className="visually-hidden">Steer the session</legend>
        {CONTROLS.map(({ action, id, label, call, done, className }) => (
          <button
            key={action}
            id={id}
            type="button"
            className={className}
            disabled={busy !== undefined || !allowed.has(action)}
            onClick={() => onAct(action, call, done)}
          >
            {label}
          </button>
        ))}
      </fieldset>
      <p
        id="notice"
        className="notice"
        aria-live="polite"
        hidden={!notice}
        data-tone={notice?.tone ?? ''}
      >
        {notice?.text ?? ''}
      </p>
    </section>
  );
}
