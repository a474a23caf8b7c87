import { readOptions } from '../call-options.js';
import { abortError } from '../errors.js';
import type { SessionEvent } from '../events.js';
import { whenOnline } from '../online.js';
import type { ClientContext } from '../operations/context.js';
import { cursorError } from '../operations/cursor-error.js';
import { getSessionChanges } from '../operations/get-session-changes.js';
import { listSessionEvents } from '../operations/list-session-events.js';
import type { RequestOptions } from '../options.js';
import type { SessionChanges, SessionEventPage } from '../response-parsers.js';
import { DEFAULT_WAIT_S, type WatchOptions } from '../session-types.js';

/**
 * The waits between polls that bring nothing new (a `wait_s: 0` watch, a server repeating
 * old events, or one that answers at once with nothing while asked to wait): doubling from
 * 250 ms to 4 s.
 */
const EMPTY_POLL_DELAYS_MS = { first: 250, max: 4000 } as const;

/** Every event from `from` on, in order, exactly once, until the session is terminal. */
export async function* watch(
  client: ClientContext,
  id: string,
  options: WatchOptions = {},
): AsyncGenerator<SessionEvent, void, undefined> {
  for await (const page of watchPages(client, id, options)) {
    // A plain loop: `yield*` over an array costs an extra promise per event.
    for (const event of page.events) yield event;
  }
}

/** {@link poll} with the watch options: the pages `watch` reads, each as one answer. */
export function watchPages(
  client: ClientContext,
  id: string,
  options: WatchOptions = {},
): AsyncGenerator<SessionChanges, void, undefined> {
  const { from = 0, wait_s = DEFAULT_WAIT_S, ...request } = options;
  return poll(client, id, from, wait_s, request);
}

/**
 * Long-polls from our own cursor, so the server's `next` is never trusted: repeated events
 * are dropped, and events it skipped (an index gap, or a `next` past what it sent) are read
 * from the event history, or the watch fails with an `invalid_cursor` error.
 */
export async function* poll(
  client: ClientContext,
  id: string,
  from: number,
  wait_s: number,
  request: RequestOptions,
): AsyncGenerator<SessionChanges, void, undefined> {
  const { platform } = client.transport.options;
  let cursor = from;
  let empty = 0;
  for (;;) {
    // Offline, the poll could not go out: wait for the network before starting the clock
    // that tells a held poll from a server that answers at once.
    if (!platform.online.isOnline())
      await whenOnline(platform.online, request.signal, changesPath(id));
    const asked = platform.now();
    const page = await getSessionChanges(client, id, { ...request, from: cursor, wait_s });
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
        for (const missed of await fill(client, id, cursor, event.index, request)) {
          events.push(missed);
        }
        cursor = event.index;
      }
      events.push(event);
      cursor += 1;
    }
    if (page.next > cursor) {
      for (const missed of await fill(client, id, cursor, page.next, request)) events.push(missed);
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
        throw abortError(changesPath(id), request.signal?.reason ?? reason);
      }
    }
  }
}

const changesPath = (id: string) => ({ method: 'GET', path: `/v1/sessions/${id}/changes` });

/** Events `[from, to)` read from the history, exactly; else an `invalid_cursor` error. */
async function fill(
  client: ClientContext,
  id: string,
  from: number,
  to: number,
  request: RequestOptions,
): Promise<SessionEvent[]> {
  const out: SessionEvent[] = [];
  const where = `GET /v1/sessions/${id}/changes`;
  while (from + out.length < to) {
    const start = from + out.length;
    let page: SessionEventPage;
    try {
      page = await listSessionEvents(client, id, {
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
