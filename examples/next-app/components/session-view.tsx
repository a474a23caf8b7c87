'use client';

import {
  NotFoundError,
  type SavedSession,
  type SessionEvent,
  useSession,
} from '@agent-sessions/react';
import Link from 'next/link';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { describeEvent } from '../lib/describe-event';
import { loadSavedSession, saveSession } from '../lib/saved-sessions';

/**
 * Watches session `id` live. What the tab saw before a reload is in sessionStorage, which only
 * the browser has: the server renders a placeholder, and watching starts once it is read.
 */
export function SessionView({ id }: { id: string }) {
  const [saved, setSaved] = useState<{ snapshot: SavedSession | undefined }>();
  useEffect(() => setSaved({ snapshot: loadSavedSession(id) }), [id]);
  if (!saved) return <section className="card muted">Loading {id}…</section>;
  return <LiveSession id={id} initial={saved.snapshot} />;
}

function LiveSession({ id, initial }: { id: string; initial: SavedSession | undefined }) {
  const result = useSession(id, { initial });
  const { state, turn, step_count, usage, events, answer, error, session } = result;
  useEffect(() => saveSession(result.save()), [result]);
  // The newest event in view, as in a log that follows its tail.
  const eventList = useRef<HTMLOListElement>(null);
  useEffect(() => {
    eventList.current?.scrollTo({ top: eventList.current.scrollHeight });
  }, [events.length]);

  if (NotFoundError.is(error)) {
    return (
      <section className="card" id="not-found">
        <h1>No such session</h1>
        <p className="muted">
          <code>{id}</code> does not exist, or it is not one of yours.
        </p>
        <Link href="/">Start a session</Link>
      </section>
    );
  }

  const live = state !== undefined && !result.done;
  return (
    <div className="grid">
      <section className="card">
        <div className="session-head">
          <h1>
            <code id="session-id">{id}</code>
          </h1>
          <span id="state" className={`badge ${state ?? 'none'}`}>
            {state ?? 'connecting'}
          </span>
        </div>
        <dl className="facts">
          <dt>turn</dt>
          <dd id="turn">{turn}</dd>
          <dt>steps</dt>
          <dd id="steps">{step_count}</dd>
          <dt>tokens</dt>
          <dd id="tokens">{usage.total_tokens.toLocaleString('en')}</dd>
          <dt>events</dt>
          <dd id="event-count">{result.event_count}</dd>
        </dl>
        {answer && (
          <blockquote id="answer" className="final-answer">
            {answer}
          </blockquote>
        )}
        {error && (
          <p role="alert" id="error" className="error">
            {error.message}
          </p>
        )}
        {session && live && (
          <div className="row actions">
            {state === 'paused' ? (
              <button type="button" onClick={() => session.resume()}>
                Resume
              </button>
            ) : (
              <button type="button" onClick={() => session.pause()} disabled={state === 'idle'}>
                Pause
              </button>
            )}
            <button type="button" onClick={() => session.forceAnswer()} disabled={state === 'idle'}>
              Force answer
            </button>
            <button type="button" className="danger" onClick={() => session.cancel()}>
              Cancel
            </button>
          </div>
        )}
        {session && live && <SendMessage onSend={(text) => session.send(text)} />}
        <Link href="/" className="muted">
          ← Start another session
        </Link>
      </section>
      <section className="card">
        <h2>Events</h2>
        <ol id="events" className="events" ref={eventList}>
          {events.map((event) => (
            <EventRow key={event.index} event={event} />
          ))}
        </ol>
      </section>
    </div>
  );
}

function EventRow({ event }: { event: SessionEvent }) {
  const { label, text } = describeEvent(event);
  return (
    <li className={`event ${event.type}`} data-index={event.index}>
      <span className="index">{event.index}</span>
      <span className="label">{label}</span>
      <span className="text">{text}</span>
    </li>
  );
}

function SendMessage({ onSend }: { onSend: (text: string) => Promise<unknown> }) {
  const [text, setText] = useState('');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    await onSend(text);
    setText('');
  };
  return (
    <form className="row" onSubmit={send}>
      <input
        id="message"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Steer the agent…"
      />
      <button type="submit" disabled={text.trim() === ''}>
        Send
      </button>
    </form>
  );
}
