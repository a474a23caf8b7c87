import {
  BadRequestError,
  createSessionStore,
  isEventType,
  type SavedSession,
  type SessionEvent,
  type SessionHandle,
  type SessionSnapshot,
} from '@agent-sessions/sdk-web';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useOptionalAgentSessions } from './agent-sessions-provider.js';
import { bindSession, type SessionBinding } from './session-binding.js';
import { usageError } from './usage-error.js';

/**
 * What `useSession` needs of a client to turn a session id into a handle: an `AgentSessions`
 * of `@agent-sessions/sdk-web` (or of any package with `sessions.get(id)`).
 */
export interface SessionClient {
  readonly sessions: { get(id: string): SessionHandle };
}

/** Options of {@link useSession}. */
export interface UseSessionOptions {
  /**
   * The client that turns a session id into a handle. Default: the client of the nearest
   * `<AgentSessionsProvider>`. Not needed when you pass a handle.
   */
  client?: SessionClient | undefined;
  /**
   * `false`: make no request and keep showing the snapshot as it is (the `initial` one, or
   * where watching got to); `true` again carries on from there. Default: `true`.
   */
  enabled?: boolean | undefined;
  /**
   * `'events'` watches every event (long-poll); `'status'` polls `status()` every
   * `pollIntervalMs` instead (state, turn, steps, usage and answer, no `events`): cheaper for a
   * list page of many sessions. Default: `'events'`.
   */
  mode?: 'events' | 'status' | undefined;
  /** In `'status'` mode, ms between two `status()` calls. Default: `2000`. */
  pollIntervalMs?: number | undefined;
  /**
   * At most one render per `throttleMs` ms for a busy session: the first change renders at once,
   * the latest one at the end of the window; the end of the session renders at once (0 to
   * 2147483647 ms, what a timer can wait). Callbacks are not throttled; a new value applies
   * from the next change. Default: `0` (render every change; changes that arrive together
   * still render once).
   */
  throttleMs?: number | undefined;
  /** Keep only the newest `maxEvents` in `events` (`event_count` still counts all). Default: all. */
  maxEvents?: number | undefined;
  /** The long-poll bound of each call while watching, in s (0-60). Default: `30`. */
  wait_s?: number | undefined;
  /**
   * A snapshot saved earlier (`result.save()`, through JSON): the first render shows it and
   * watching carries on from its cursor, so nothing is fetched twice. Read when the session's
   * store is made (like `useState`'s initial value). Default: start from the first event.
   */
  initial?: SavedSession | undefined;
  /** Called once per event, in order, as it arrives (`'events'` mode). Default: none. */
  onEvent?: ((event: SessionEvent) => void) | undefined;
  /**
   * Called with each final answer as it lands: per `answer` event in `'events'` mode, per new
   * answer read in `'status'` mode. Default: none.
   */
  onAnswer?: ((answer: string) => void) | undefined;
  /** Called once when watching stops with an error (also in `error`). Default: none. */
  onError?: ((error: Error) => void) | undefined;
}

/** What {@link useSession} returns for a session: its live snapshot and its handle. */
export interface LiveSession extends SessionSnapshot {
  /** The handle to steer with: `session.pause()`, `.send(text)`, `.forceAnswer()`, `.cancel()`. */
  readonly session: SessionHandle;
  /** The latest snapshot in JSON-safe form, for `initial` after a reload. */
  save(): SavedSession;
}

/** What {@link useSession} returns before there is a session (`null` or `undefined` passed). */
export interface NoSession extends Omit<SessionSnapshot, 'id'> {
  readonly id: undefined;
  readonly session: undefined;
  save(): undefined;
}

/** What {@link useSession} returns: narrow with `if (result.session)`. */
export type UseSessionResult = LiveSession | NoSession;

const NO_SESSION: NoSession = Object.freeze({
  id: undefined,
  session: undefined,
  state: undefined,
  turn: 0,
  step_count: 0,
  usage: Object.freeze({ input_tokens: 0, output_tokens: 0, total_tokens: 0 }),
  events: Object.freeze([]),
  cursor: 0,
  event_count: 0,
  answer: null,
  error: undefined,
  done: false,
  save: () => undefined,
});

const subscribeToNothing = () => () => {};
const noSnapshot = () => undefined;

// Layout effects warn in a server render; there, no callback can run anyway.
const useCallbacksEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

interface Bound {
  /** What the binding was made from: a new binding when any of them changes. */
  readonly key: readonly unknown[];
  readonly binding: SessionBinding;
}

/**
 * Watches a session from a component and re-renders as it changes: returns the live snapshot
 * (`state`, `turn`, `step_count`, `usage`, `events`, `answer`, `error`, `done`) and the
 * handle to steer with (`session`). Built on sdk-web's `createSessionStore`.
 *
 * `sessionOrId` is a handle (`await client.sessions.start(...)`), a session id (turned into a
 * handle by the `client` option or the nearest `<AgentSessionsProvider>`), or `null` /
 * `undefined` for "no session yet" (an empty result, no request). A new id, client or store
 * option (`mode`, `pollIntervalMs`, `maxEvents`, `wait_s`) starts over with a new store; a new
 * handle object for the same id does not.
 *
 * Watching starts after mount and its request is released on unmount (StrictMode's extra
 * mount neither loses nor repeats an event). A server render makes no request: it shows the
 * `initial` snapshot (or an empty one), and the page hydrates from the same, then watches.
 *
 * @example
 * function Run({ id }: { id: string }) {
 *   const { state, step_count, answer, session } = useSession(id, { throttleMs: 100 });
 *   return (
 *     <p>
 *       {state} after {step_count} steps: {answer ?? '…'}
 *       <button onClick={() => session.pause()}>Pause</button>
 *     </p>
 *   );
 * }
 */
export function useSession(
  sessionOrId: SessionHandle | string,
  options?: UseSessionOptions,
): LiveSession;
export function useSession(
  sessionOrId: SessionHandle | string | null | undefined,
  options?: UseSessionOptions,
): UseSessionResult;
export function useSession(
  sessionOrId: SessionHandle | string | null | undefined,
  options: UseSessionOptions = {},
): UseSessionResult {
  const contextClient = useOptionalAgentSessions();
  const latest = useRef(options);
  useCallbacksEffect(() => {
    latest.current = options;
  });

  const { enabled = true, mode = 'events', pollIntervalMs, maxEvents, wait_s } = options;
  const throttleMs = options.throttleMs ?? 0;
  // Past 2^31 - 1 ms a timer fires at once, which would throttle nothing.
  if (!(throttleMs >= 0 && throttleMs < 2 ** 31)) {
    throw usageError(
      'useSession.options.throttleMs',
      `expected a number of ms from 0 to 2147483647, got ${throttleMs}`,
    );
  }
  const client = options.client ?? contextClient;
  const handleGiven = isHandle(sessionOrId);
  const id = handleGiven ? sessionOrId.id : sessionOrId;
  if (id !== null && id !== undefined && (typeof id !== 'string' || id === '')) {
    throw usageError(
      'useSession.sessionOrId',
      `expected a session handle, a session id, null or undefined, got ${JSON.stringify(id)}`,
    );
  }
  // A handle is keyed by its id (a handle made inline each render is the same session); an
  // id by its client too.
  const key = [id, handleGiven ? undefined : client, mode, pollIntervalMs, maxEvents, wait_s];

  const make = (): Bound | undefined => {
    if (id === null || id === undefined) return undefined;
    let handle: SessionHandle;
    if (handleGiven) handle = sessionOrId;
    else if (!client) {
      throw usageError(
        'useSession.options.client',
        `useSession(${JSON.stringify(id)}) needs a client to find the session: pass { client } or render inside <AgentSessionsProvider client={client}>`,
      );
    } else if (typeof client.sessions?.get !== 'function') {
      throw usageError(
        'useSession.options.client',
        'expected an AgentSessions client (one with sessions.get(id))',
      );
    } else {
      try {
        handle = client.sessions.get(id);
      } catch (error) {
        // The client's own check of the id, named as the hook's argument.
        const issue = BadRequestError.is(error) ? error.errors[0] : undefined;
        if (!issue) throw error;
        throw usageError(
          'useSession.sessionOrId',
          `${JSON.stringify(id)} is not a session id: ${issue.message}`,
        );
      }
    }
    const store = createSessionStore(handle, {
      mode,
      pollIntervalMs,
      maxEvents,
      wait_s,
      initial: options.initial,
      onEvent: (event) => {
        const { onEvent, onAnswer } = latest.current;
        // One callback failing (the store reports it) must not silence the other.
        try {
          onEvent?.(event);
        } finally {
          if (isEventType(event, 'answer')) onAnswer?.(event.data.content);
        }
      },
    });
    const binding = bindSession(
      store,
      () => latest.current.throttleMs ?? 0,
      () => ({
        onError: latest.current.onError,
        onStatusAnswer: mode === 'status' ? latest.current.onAnswer : undefined,
      }),
    );
    return { key, binding };
  };

  // Made during render, as state derived from the props: a store makes no request until it is
  // subscribed, so a render React throws away (StrictMode, a suspended transition) costs nothing.
  const [bound, setBound] = useState(make);
  let current = bound;
  if (!sameKey(bound?.key, key)) {
    current = make();
    setBound(current);
  }
  const binding = current?.binding;

  const snapshot = useSyncExternalStore(
    binding && enabled ? binding.subscribe : subscribeToNothing,
    binding ? binding.getSnapshot : noSnapshot,
    binding ? binding.getServerSnapshot : noSnapshot,
  );

  return useMemo(() => {
    if (!binding || !snapshot) return NO_SESSION;
    const { store } = binding;
    // Property descriptors, not a spread: the store builds `events` only when it is read.
    return Object.freeze(
      Object.defineProperties(
        { session: store.session, save: () => store.save() },
        Object.getOwnPropertyDescriptors(snapshot),
      ),
    ) as LiveSession;
  }, [binding, snapshot]);
}

function sameKey(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  // No store yet (no session): the key only matters once there is an id.
  if (a === undefined) return b[0] === null || b[0] === undefined;
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

// Not `instanceof`: an app may hold two copies of the SDK (a library of its own brings one).
function isHandle(value: unknown): value is SessionHandle {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SessionHandle).id === 'string' &&
    typeof (value as SessionHandle).watch === 'function'
  );
}
