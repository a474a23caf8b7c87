import { isEventType } from '@agent-sessions/protocol';
import { onAbort } from './abort-fanout.js';
import { readOptions } from './call-options.js';
import { AbortError, abortError, SessionEndedError } from './errors.js';
import type { SessionEvent } from './events.js';
import { setLongTimeout } from './long-timer.js';
import type { RequestOptions } from './options.js';
import type { SessionChanges } from './response-parsers.js';
import { cursorError, type SessionCalls } from './session-calls.js';
import {
  type AnswerOptions,
  type AskOptions,
  DEFAULT_WAIT_S,
  type RunParams,
  type RunResult,
  type WatchOptions,
} from './session-types.js';

/**
 * The waits between polls that bring nothing new (a `wait_s: 0` watch, a server repeating
 * old events, or one that answers at once with nothing while asked to wait): doubling from
 * 250 ms to 4 s.
 */
const EMPTY_POLL_DELAYS_MS = { first: 250, max: 4000 } as const;

/**
 * How long cleaning up after an abort may take (waiting for the start in flight, then
 * cancelling the session): after it, `run()` rejects whatever the network does.
 */
export const ABORT_CLEANUP_MS = 10_000;

/** Every event from `from` on, in order, exactly once, until the session is terminal. */
export async function* watch(
  calls: SessionCalls,
  id: string,
  options: WatchOptions = {},
): AsyncGenerator<SessionEvent, void, undefined> {
  for await (const page of watchPages(calls, id, options)) {
    // A plain loop: `yield*` over an array costs an extra promise per event.
    for (const event of page.events) yield event;
  }
}

/** {@link poll} with the watch options: the pages `watch` reads, each as one answer. */
export function watchPages(
  calls: SessionCalls,
  id: string,
  options: WatchOptions = {},
): AsyncGenerator<SessionChanges, void, undefined> {
  const { from = 0, wait_s = DEFAULT_WAIT_S, ...request } = options;
  return poll(calls, id, from, wait_s, request);
}

/**
 * Long-polls from our own cursor, so the server's `next` is never trusted: repeated events
 * are dropped, and events it skipped (an index gap, or a `next` past what it sent) are read
 * from the event history, or the watch fails with an `invalid_cursor` error.
 */
async function* poll(
  calls: SessionCalls,
  id: string,
  from: number,
  wait_s: number,
  request: RequestOptions,
): AsyncGenerator<SessionChanges, void, undefined> {
  const { platform } = calls.transport.options;
  let cursor = from;
  let empty = 0;
  for (;;) {
    const asked = platform.now();
    const page = await calls.changes(id, { ...request, from: cursor, wait_s });
    // Back in under half the wait: the server did not hold the poll (an in-process fetch
    // would otherwise poll in a loop that starves the event loop).
    const early = wait_s === 0 || platform.now() - asked < wait_s * 500;
    const before = cursor;
    const events: SessionEvent[] = [];
    for (const event of page.events) {
      if (event.index < cursor) continue;
      if (event.index > cursor) {
        // Hand out what came before the gap first: it is good whatever happens next.
        if (events.length > 0)
          yield { ...page, events: events.splice(0), next: cursor, terminal: false };
        for (const missed of await fill(calls, id, cursor, event.index, request)) {
          events.push(missed);
        }
        cursor = event.index;
      }
      events.push(event);
      cursor += 1;
    }
    if (page.next > cursor) {
      for (const missed of await fill(calls, id, cursor, page.next, request)) events.push(missed);
      cursor = page.next;
    }
    const delivered = cursor > before;
    yield { ...page, events, next: cursor };
    if (page.terminal) return;
    if (delivered) empty = 0;
    else if (early || page.events.length > 0) {
      // Nothing new: the server answers at once when told not to wait, it did not wait as
      // told, or it sent only events already delivered (it is not long-polling from our
      // cursor). Pace the polls.
      const delay = Math.min(EMPTY_POLL_DELAYS_MS.max, EMPTY_POLL_DELAYS_MS.first * 2 ** empty);
      empty += 1;
      try {
        await platform.sleep(delay, request.signal);
      } catch (reason) {
        throw abortError(
          { method: 'GET', path: `/v1/sessions/${id}/changes` },
          request.signal?.reason ?? reason,
        );
      }
    }
  }
}

/** Events `[from, to)` read from the history, exactly; else an `invalid_cursor` error. */
async function fill(
  calls: SessionCalls,
  id: string,
  from: number,
  to: number,
  request: RequestOptions,
): Promise<SessionEvent[]> {
  const out: SessionEvent[] = [];
  const where = `GET /v1/sessions/${id}/changes`;
  while (from + out.length < to) {
    const start = from + out.length;
    let page: Awaited<ReturnType<SessionCalls['events']>>;
    try {
      page = await calls.events(id, {
        ...readOptions(request),
        from: start,
        limit: Math.min(500, to - start),
      });
    } catch (error) {
      throw cursorError(
        where,
        'response.events',
        `events ${start} to ${to - 1} were skipped and the history could not provide them (${(error as Error).message})`,
      );
    }
    const before = out.length;
    for (const event of page.data) if (event.index < to) out.push(event);
    if (out.length === before) {
      throw cursorError(
        where,
        'response.events',
        `events ${start} to ${to - 1} were skipped and are not in the history`,
      );
    }
  }
  return out;
}

/** The final answer of the current turn (or of `turn`); `SessionEndedError` if none comes. */
export async function answer(
  calls: SessionCalls,
  id: string,
  options: AnswerOptions = {},
): Promise<string> {
  const { turn, wait_s = DEFAULT_WAIT_S, ...request } = options;
  let wanted = turn;
  let state = '';
  let reason: string | undefined;
  let error: { code: string; message: string } | undefined;
  for await (const page of poll(calls, id, 0, wait_s, request)) {
    wanted ??= page.turn;
    for (const event of page.events) {
      if (isEventType(event, 'answer') && event.turn === wanted) return event.data.content;
      if (isEventType(event, 'state_changed')) reason = event.data.reason;
      if (isEventType(event, 'error'))
        error = { code: event.data.code, message: event.data.message };
    }
    state = page.state;
  }
  throw new SessionEndedError({ sessionId: id, state, reason, error });
}

/** Sends `text`, then waits for the answer of the turn it lands in. */
export async function ask(
  calls: SessionCalls,
  id: string,
  text: string,
  options: AskOptions = {},
): Promise<string> {
  const sent = await calls.send(id, text, options);
  return answer(calls, id, {
    ...readOptions(options),
    wait_s: options.wait_s,
    turn: sent.session.turn,
  });
}

/**
 * Starts a session and waits for its answer. If `signal` aborts, the session is cancelled
 * (nothing else could reach it), also when the abort comes while the start is in flight;
 * that clean-up is bounded by {@link ABORT_CLEANUP_MS}.
 */
export async function run(calls: SessionCalls, params: RunParams): Promise<RunResult> {
  const { wait_s, signal, ...start } = params;
  const reads = readOptions(params);
  // Sent without the caller's signal: an abort must not orphan a session the server made.
  const created = calls.start(start);
  const id = await untilAborted(created, signal).catch(async (error: unknown) => {
    if (AbortError.is(error)) {
      await bounded(calls, (async () => cancel(calls, (await created).id))());
    }
    throw error;
  });
  const sessionId = id.id;
  try {
    const text = await answer(calls, sessionId, { ...reads, wait_s });
    return { answer: text, session: await calls.status(sessionId, reads) };
  } catch (error) {
    if (AbortError.is(error)) await bounded(calls, cancel(calls, sessionId));
    throw error;
  }
}

function cancel(calls: SessionCalls, id: string): Promise<unknown> {
  return calls.control(id, '/cancel', { maxRetries: 2 });
}

/** Waits for `work` at most {@link ABORT_CLEANUP_MS}; never rejects. */
function bounded(calls: SessionCalls, work: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const stop = setLongTimeout(calls.transport.options.platform, resolve, ABORT_CLEANUP_MS);
    work.then(
      () => {
        stop();
        resolve();
      },
      () => {
        stop();
        resolve();
      },
    );
  });
}

/** `promise`, or an `AbortError` as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const fail = () => reject(abortError({ method: 'POST', path: '/v1/sessions' }, signal.reason));
    if (signal.aborted) return fail();
    const unsubscribe = onAbort(signal, fail);
    promise.then(
      (value) => {
        unsubscribe();
        resolve(value);
      },
      (error: unknown) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}
