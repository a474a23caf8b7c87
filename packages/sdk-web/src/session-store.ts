import {
  isTerminal,
  type Platform,
  type Session,
  type SessionEvent,
  type SessionHandle,
} from '@agent-sessions/sdk-core';
import { DEFAULT_WAIT_S } from '@agent-sessions/sdk-core/internal';
import { EventWindow } from './event-window.js';
import {
  checkSaved,
  emptyFields,
  foldEvent,
  freezeSnapshot,
  type Restored,
  refuseStoreOption,
  type SavedSession,
  type SessionSnapshot,
  type SnapshotFields,
} from './session-snapshot.js';

export type { SavedSession, SessionSnapshot } from './session-snapshot.js';

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** The long-poll bound of each call while watching, in s (0-60). Default: `30`. */
  wait_s?: number | undefined;
  /** Stops the store for good when it aborts (like {@link SessionStore.stop}). Default: none. */
  signal?: AbortSignal | undefined;
  /**
   * Keep only the newest `maxEvents` events in `snapshot.events` (a long session in a page that
   * shows the tail); `event_count` still counts them all. Default: all of them.
   * @example createSessionStore(handle, { maxEvents: 200 })
   */
  maxEvents?: number | undefined;
  /**
   * Resume from a snapshot saved earlier (`store.save()`, after a JSON round trip): the store
   * starts from it and watching carries on from its `cursor`, so no event is read twice.
   * Default: none (start from the session's first event).
   * @example createSessionStore(handle, { initial: JSON.parse(sessionStorage.getItem(id)!) })
   */
  initial?: SavedSession | undefined;
  /**
   * `'events'` watches every event (the snapshot's numbers fold them). `'status'` polls
   * `status()` every `pollIntervalMs` instead and leaves `events` as they are: cheaper, for
   * a list of sessions. Default: `'events'`.
   */
  mode?: 'events' | 'status' | undefined;
  /**
   * How often `'status'` mode asks, in ms (0 to 2147483647, what a timer can wait), on the
   * client's platform timers; it also asks at once when the network comes back after an outage
   * (the client's `platform.online`). Default: `2000`.
   * @example createSessionStore(handle, { mode: 'status', pollIntervalMs: 10_000 })
   */
  pollIntervalMs?: number | undefined;
  /**
   * Called once per new event, in order, before listeners hear of the change (e.g. to toast an
   * answer). An exception it throws is reported (`reportError`) and does not stop watching.
   * Default: none.
   */
  onEvent?: ((event: SessionEvent) => void) | undefined;
}

/**
 * A live session bound to UI state, framework-free. It watches the session while at least one
 * listener is subscribed (from the first `subscribe`; when the last listener leaves, its
 * request is cancelled at once, and the next `subscribe` picks up from where it stopped, so no
 * event is lost or repeated).
 */
export interface SessionStore {
  /** The handle of the session, for steering: `store.session.pause()`, `.send(text)`, `.cancel()`. */
  readonly session: SessionHandle;
  /** The current snapshot; the same object until something changes. */
  getSnapshot(): SessionSnapshot;
  /**
   * The snapshot the store started from (`initial`, or an empty one), with no request made:
   * what a server render shows (`useSyncExternalStore`'s third argument).
   */
  getServerSnapshot(): SessionSnapshot;
  /**
   * Calls `listener` after a change; returns the function that unsubscribes it. However many
   * events one response brings, listeners hear once.
   */
  subscribe(listener: () => void): () => void;
  /** The current snapshot in a JSON-safe form, to resume from later (`initial`). */
  save(): SavedSession;
  /** Stops watching for good: cancels the request in flight at once; the snapshot becomes `done`. */
  stop(): void;
}

const DEFAULT_POLL_INTERVAL_MS = 2000;

/** Reports an exception thrown by user code (a listener, `onEvent`) without stopping the store. */
function report(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

/**
 * Resolves after `ms` on the platform's timers, early when the network comes back after an
 * outage (a status shown stale while offline is asked for again at once), or at once (no
 * rejection) when `signal` aborts.
 */
function pause(platform: Platform, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // Running twice is harmless (a piece may report from inside `subscribe`, before `stop`
    // is set: its next report ends the subscription).
    let stop: (() => void) | undefined;
    const done = () => {
      platform.clearTimeout(timer);
      stop?.();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = platform.setTimeout(done, ms);
    // Only a change ends the pause early: a piece may report the current state on subscribing.
    let wasOffline = !platform.online.isOnline();
    stop = platform.online.subscribe((online) => {
      if (!online) wasOffline = true;
      else if (wasOffline) done();
    });
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Binds a session to UI state: subscribe to render, read `getSnapshot()`, steer through
 * `store.session`. The store runs the watch loop itself (one long-poll at a time from its
 * cursor, resuming after dropped connections and offline spells like `watch` does).
 *
 * @example
 * const store = createSessionStore(client.sessions.get(id));
 * const unsubscribe = store.subscribe(() => {
 *   const { state, step_count, answer } = store.getSnapshot();
 *   statusBar.textContent = `${state} · ${step_count} steps${answer ? ` · ${answer}` : ''}`;
 * });
 * // React: useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
 */
export function createSessionStore(
  session: SessionHandle,
  options: SessionStoreOptions = {},
): SessionStore {
  const {
    maxEvents = Number.POSITIVE_INFINITY,
    pollIntervalMs = DEFAULT_POLL_INTERVAL_MS,
    wait_s = DEFAULT_WAIT_S,
  } = options;
  if (
    !(maxEvents === Number.POSITIVE_INFINITY || (Number.isSafeInteger(maxEvents) && maxEvents >= 0))
  ) {
    refuseStoreOption('options.maxEvents', 'expected a whole number >= 0');
  }
  // Past 2^31 - 1 ms a timer fires at once, which would poll in a loop; NaN fails both tests.
  if (!(pollIntervalMs >= 0 && pollIntervalMs < 2 ** 31)) {
    refuseStoreOption('options.pollIntervalMs', 'expected a number of ms from 0 to 2147483647');
  }
  // Checked here, not at the first request: a bad value is refused where it is written.
  if (!(Number.isInteger(wait_s) && wait_s >= 0 && wait_s <= 60)) {
    refuseStoreOption('options.wait_s', 'expected a whole number of s from 0 to 60');
  }
  if (options.mode !== undefined && options.mode !== 'events' && options.mode !== 'status') {
    refuseStoreOption('options.mode', "expected 'events' or 'status'");
  }

  const listeners = new Set<() => void>();
  const restored: Restored =
    options.initial !== undefined
      ? checkSaved(options.initial, session.id)
      : { fields: emptyFields(session.id), events: [] };
  const initialFields = restored.fields;
  let kept = new EventWindow(maxEvents, restored.events);
  // A restored cursor is checked against the server once before watching from it.
  let unconfirmed = initialFields.cursor > 0;
  // The session itself ended (not a stop or a failure): what `save()` records as `done`.
  let ended = initialFields.done;
  let fields: SnapshotFields = initialFields;
  let snapshot = freezeSnapshot(fields, kept.view());
  const serverSnapshot = snapshot;
  let watching: AbortController | undefined;

  const publish = (next: SnapshotFields) => {
    fields = next;
    snapshot = freezeSnapshot(next, kept.view());
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        report(error);
      }
    }
  };

  const halt = () => {
    watching?.abort();
    watching = undefined;
  };

  const stop = () => {
    halt();
    if (!fields.done) publish({ ...fields, done: true });
  };

  const fail = (error: unknown) => {
    publish({
      ...fields,
      error: error instanceof Error ? error : new Error(String(error)),
      done: true,
    });
  };

  /**
   * Whether the server has the event just before the restored cursor, and (when it was kept)
   * the same one. A snapshot ahead of the server (edited, or of a session since replaced)
   * would otherwise watch from a cursor the log has not reached, and never show what lies
   * between; then the server is trusted and the store reads the session again from its start.
   */
  const confirmCursor = async (signal: AbortSignal) => {
    const at = fields.cursor - 1;
    const page = await session.events({ from: at, limit: 1, signal });
    if (signal.aborted) return;
    unconfirmed = false;
    const theirs = page.data[0];
    const ours = snapshot.events.at(-1);
    const agrees =
      theirs?.index === at &&
      (ours === undefined ||
        (ours.type === theirs.type &&
          ours.created_at === theirs.created_at &&
          ours.turn === theirs.turn));
    if (!agrees) {
      kept = new EventWindow(maxEvents, []);
      publish(emptyFields(session.id));
    }
  };

  const watchEvents = async (signal: AbortSignal) => {
    if (unconfirmed) await confirmCursor(signal);
    if (signal.aborted) return;
    // The core's watch, a page at a time: in order, each event once, whatever the server's
    // cursor says (repeats dropped, skipped events read from the history).
    for await (const page of session.watchPages({ from: fields.cursor, wait_s, signal })) {
      // After a halt the page may still arrive; a new watch asks for it again.
      if (signal.aborted) return;
      const next = { ...fields };
      for (const event of page.events) {
        foldEvent(next, event);
        next.cursor = event.index + 1;
        kept.push(event);
        if (options.onEvent) {
          try {
            options.onEvent(event);
          } catch (error) {
            report(error);
          }
        }
      }
      // `onEvent` may have called stop(): the page is still folded (no event heard twice on a
      // resume), but the store stays done.
      next.done ||= fields.done;
      if (page.terminal) {
        ended = true;
        next.done = true;
      }
      // A long-poll that timed out with nothing new changes nothing: no new snapshot.
      if (next.event_count !== fields.event_count || next.cursor !== fields.cursor || next.done) {
        publish(next);
      }
      if (page.terminal) return;
    }
  };

  const pollStatus = async (signal: AbortSignal) => {
    for (;;) {
      const status: Session = await session.status({ signal });
      if (signal.aborted) return;
      const done = isTerminal(status.state);
      const { usage } = fields;
      const changed =
        status.state !== fields.state ||
        status.turn !== fields.turn ||
        status.step_count !== fields.step_count ||
        status.answer !== fields.answer ||
        status.usage.input_tokens !== usage.input_tokens ||
        status.usage.output_tokens !== usage.output_tokens ||
        status.usage.total_tokens !== usage.total_tokens;
      if (changed || done) {
        ended = done;
        publish({
          ...fields,
          state: status.state,
          turn: status.turn,
          step_count: status.step_count,
          usage: changed ? Object.freeze({ ...status.usage }) : usage,
          answer: status.answer,
          done,
        });
      }
      if (done) return;
      await pause(session.client.transport.options.platform, pollIntervalMs, signal);
      if (signal.aborted) return;
    }
  };

  const run = async (controller: AbortController) => {
    try {
      await (options.mode === 'status' ? pollStatus : watchEvents)(controller.signal);
    } catch (error) {
      // Our own abort (stop, or the last listener left) is not an error to show.
      if (!controller.signal.aborted) fail(error);
    } finally {
      if (watching === controller) watching = undefined;
    }
  };

  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });

  return {
    session,
    getSnapshot: () => snapshot,
    getServerSnapshot: () => serverSnapshot,
    subscribe(listener) {
      listeners.add(listener);
      if (!watching && !fields.done) {
        watching = new AbortController();
        void run(watching);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) halt();
      };
    },
    save(): SavedSession {
      const { error: _, done: __, ...rest } = fields;
      return { ...rest, usage: { ...rest.usage }, events: [...snapshot.events], done: ended };
    },
    stop,
  };
}
