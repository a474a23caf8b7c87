import { onAbort } from '../abort-fanout.js';
import { readOptions } from '../call-options.js';
import { AbortError, abortError } from '../errors.js';
import { setLongTimeout } from '../long-timer.js';
import type { ClientContext } from '../operations/context.js';
import { controlSession } from '../operations/control-session.js';
import { getSessionStatus } from '../operations/get-session-status.js';
import { startSession } from '../operations/start-session.js';
import type { RunParams, RunResult } from '../session-types.js';
import { answer } from './answer.js';

/**
 * How long cleaning up after an abort may take (waiting for the start in flight, then
 * cancelling the session): after it, `run()` rejects whatever the network does.
 */
export const ABORT_CLEANUP_MS = 10_000;

/**
 * Starts a session and waits for its answer. If `signal` aborts, the session is cancelled
 * (nothing else could reach it), also when the abort comes while the start is in flight;
 * that clean-up is bounded by {@link ABORT_CLEANUP_MS}.
 */
export async function run(client: ClientContext, params: RunParams): Promise<RunResult> {
  const { wait_s, signal, ...start } = params;
  const reads = readOptions(params);
  // Sent without the caller's signal: an abort must not orphan a session the server made.
  const created = startSession(client, start);
  const id = await untilAborted(created, signal).catch(async (error: unknown) => {
    if (AbortError.is(error)) {
      await bounded(client, (async () => cancel(client, (await created).id))());
    }
    throw error;
  });
  const sessionId = id.id;
  try {
    const text = await answer(client, sessionId, { ...reads, wait_s });
    return { answer: text, session: await getSessionStatus(client, sessionId, reads) };
  } catch (error) {
    if (AbortError.is(error)) await bounded(client, cancel(client, sessionId));
    throw error;
  }
}

function cancel(client: ClientContext, id: string): Promise<unknown> {
  return controlSession(client, id, 'cancel', { maxRetries: 2 });
}

/** Waits for `work` at most {@link ABORT_CLEANUP_MS}; never rejects. */
function bounded(client: ClientContext, work: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const stop = setLongTimeout(client.transport.options.platform, resolve, ABORT_CLEANUP_MS);
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
