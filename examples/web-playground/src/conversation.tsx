import { isEventType, type LiveSession, type SessionEvent } from '@agent-sessions/react';
import { type ReactNode, useState } from 'react';
import { type Action, allowedActions } from './actions';
import { activity, placeholder } from './session-text';

/** The chat bubbles of a session: the user's messages, the main agent's answers, errors. */
function bubbles(events: readonly SessionEvent[]): ReactNode[] {
  const entries: ReactNode[] = [];
  for (const event of events) {
    if (isEventType(event, 'message_received')) {
      entries.push(
        <li key={event.index} className="bubble user">
          {event.data.content}
        </li>,
      );
    } else if (isEventType(event, 'answer') && event.agent.parent_id === null) {
      entries.push(
        <li key={event.index} className="bubble agent answer">
          {event.data.forced && <span className="marker marker-forced">forced</span>}
          <p className="answer-text">{event.data.content}</p>
        </li>,
      );
    } else if (isEventType(event, 'error')) {
      entries.push(
        <li key={event.index} className="bubble error">
          {event.data.message}
        </li>,
      );
    }
  }
  return entries;
}

/** The conversation card: the chat so far, what the agent is doing, and the message box. */
export function Conversation({
  session,
  idleTimeoutS,
  busy,
  onSend,
}: {
  /** The watched session; `undefined` before the first start. */
  session: LiveSession | undefined;
  /** The session's idle timeout, for the line that says when it ends. */
  idleTimeoutS: number;
  busy: Action | 'start' | undefined;
  /** Sends a message; resolves `true` once the API took it. */
  onSend: (text: string) => Promise<boolean>;
}) {
  const [message, setMessage] = useState('');
  const canSend = allowedActions(session?.state).has('send');
  const note = session && activity(session, idleTimeoutS);
  const working = session?.state === 'running' || session?.state === 'queued';
  return (
    <section className="card chat" aria-labelledby="chat-title">
      <h2 id="chat-title">Conversation</h2>
      <ol id="chat" className="chat-log">
        {bubbles(session?.events ?? [])}
        {note && <li className={`chat-note${working ? ' busy' : ''}`}>{note}</li>}
      </ol>
      <form
        id="message-form"
        className="message-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const text = message.trim();
          if (text && (await onSend(text))) setMessage('');
        }}
      >
        <input
          id="message"
          name="message"
          autoComplete="off"
          required
          disabled={!canSend}
          placeholder={placeholder(session?.state, canSend)}
          aria-label="Message"
          value={message}
          onChange={(event) => setMessage(event.target.value)}
        />
        <button id="send" type="submit" disabled={!canSend || busy !== undefined}>
          Send
        </button>
      </form>
    </section>
  );
}
