import {
  type SessionHandle,
  type SessionState,
  useAgentSessions,
  useSession,
} from '@agent-sessions/react';
import { useEffect, useRef, useState } from 'react';
import type { Action } from './actions';
import { baseUrl } from './config';
import { Conversation } from './conversation';
import { EventStream } from './event-stream';
import { loadPlayground, type SavedPlayground, savePlayground } from './saved-playground';
import { SessionCard } from './session-card';
import { StartForm } from './start-form';

/** A line under the controls: what a call did (`info`), or why it failed (`error`). */
export interface Notice {
  text: string;
  tone: 'info' | 'error';
  /** An `info` notice is news only in the state it was given in. */
  state?: SessionState | undefined;
}

const failure = (what: string, error: unknown): Notice => ({
  text: `${what}: ${error instanceof Error ? error.message : String(error)}`,
  tone: 'error',
});

/** The page: start a session, then watch and steer it. It survives a reload of the tab. */
export function App() {
  const client = useAgentSessions();
  // After a reload: the same session, shown at once from its saved snapshot.
  const [current, setCurrent] = useState<SavedPlayground | undefined>(loadPlayground);
  const [busy, setBusy] = useState<Action | 'start' | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const session = useSession(current?.id, { initial: current?.snapshot });
  // The state the page shows now, for a notice given after an await.
  const state = useRef(session.state);
  useEffect(() => {
    state.current = session.state;
  }, [session.state]);

  useEffect(() => {
    if (current && session.session) {
      savePlayground({
        id: current.id,
        idleTimeoutS: current.idleTimeoutS,
        snapshot: session.save(),
      });
    }
  }, [current, session]);

  async function start(input: string, scenario: string, idleTimeoutS: number) {
    setCurrent(undefined);
    setBusy('start');
    setNotice(undefined);
    try {
      // Returns as soon as the session exists; useSession then watches it live.
      const handle = await client.sessions.start({
        input,
        idle_timeout_s: idleTimeoutS,
        metadata: { scenario },
      });
      setCurrent({ id: handle.id, idleTimeoutS });
    } catch (error) {
      setNotice(failure('Starting failed', error));
    } finally {
      setBusy(undefined);
    }
  }

  /**
   * Runs one steering call, keeping the buttons still until it is answered; then says what
   * happens next (`done`) when the state alone will not show it yet.
   */
  async function act(
    action: Action,
    call: (handle: SessionHandle) => Promise<unknown>,
    done?: string,
  ): Promise<boolean> {
    if (!session.session) return false;
    setBusy(action);
    setNotice(undefined);
    try {
      await call(session.session);
      setNotice(done ? { text: done, tone: 'info', state: state.current } : undefined);
      return true;
    } catch (error) {
      setNotice(failure(`${action} failed`, error));
      return false;
    } finally {
      setBusy(undefined);
    }
  }

  const live = current && session.session ? session : undefined;
  const shown = session.error
    ? failure('Watching stopped', session.error)
    : notice?.tone === 'info' && notice.state !== session.state
      ? undefined
      : notice;

  return (
    <>
      <header className="topbar">
        <h1 className="brand">
          <span className="logo" aria-hidden="true" />
          Agent Sessions <span>playground</span>
        </h1>
        <p className="server" title="The API this page talks to">
          <span className="server-dot" aria-hidden="true" />
          <code id="server-url">{baseUrl}</code>
        </p>
      </header>
      <main className="layout">
        <StartForm starting={busy === 'start'} onStart={start} />
        <SessionCard session={live} busy={busy} notice={shown} onAct={act} />
        <Conversation
          session={live}
          idleTimeoutS={current?.idleTimeoutS ?? 0}
          busy={busy}
          onSend={(text) =>
            act(
              'send',
              (handle) => handle.send(text),
              'Message sent: the agent reads it at its next step.',
            )
          }
        />
        <EventStream events={session.events} />
      </main>
    </>
  );
}
