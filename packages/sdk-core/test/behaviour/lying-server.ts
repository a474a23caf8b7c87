import type { FetchLike } from '../../src/index.js';

/** A session's log of `count` thought events, as the wire carries them. */
export function eventLog(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    index,
    type: 'thought',
    created_at: '2026-01-01T00:00:00.000Z',
    turn: 1,
    agent: { id: 'main', parent_id: null },
    data: { content: `thought ${index}` },
  }));
}

type WireEvent = ReturnType<typeof eventLog>[number];

/** How the lying server answers `/changes` and `/events` (all in-memory, web-standard). */
export interface Lies {
  /** The events a `/changes` page holds, given `from`. Default: up to 3 from `from`. */
  changes?(log: WireEvent[], from: number, call: number): WireEvent[];
  /** The `next` a `/changes` page says. Default: after its last event. */
  next?(from: number, page: WireEvent[], call: number): number;
  /** The events the history (`/events`) holds. Default: the whole log. */
  history?(log: WireEvent[]): WireEvent[];
  /** The `/events` page, given `from`. Default: up to `limit` of the history from `from`. */
  eventsPage?(
    history: WireEvent[],
    from: number,
    limit: number,
  ): { data: WireEvent[]; next: number; has_more: boolean };
  /** `/v1/sessions` pages: the cursor each page says comes next. */
  listCursors?(cursor: string | null): string | null;
}

/**
 * A server that lies about its cursors, for the tests of exactly-once delivery: it serves a
 * session `ses_lie` whose log has `count` events, terminal once the last one is sent.
 */
export function lyingServer(count: number, lies: Lies = {}) {
  const log = eventLog(count);
  const requests: string[] = [];
  let changesCalls = 0;
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(new Request(input, init).url);
    requests.push(`${url.pathname}${url.search}`);
    const from = Number(url.searchParams.get('from') ?? 0);
    if (url.pathname.endsWith('/changes')) {
      changesCalls += 1;
      const events = lies.changes?.(log, from, changesCalls) ?? log.slice(from, from + 3);
      const next =
        lies.next?.(from, events, changesCalls) ?? (events.at(-1)?.index ?? from - 1) + 1;
      const done = events.some((event) => event.index === count - 1) || next >= count;
      return json({
        events,
        next,
        state: done ? 'completed' : 'running',
        turn: 1,
        answer: null,
        terminal: done,
      });
    }
    if (url.pathname.endsWith('/events')) {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const history = lies.history?.(log) ?? log;
      if (lies.eventsPage) return json(lies.eventsPage(history, from, limit));
      const data = history.filter((event) => event.index >= from).slice(0, limit);
      const next = (data.at(-1)?.index ?? from - 1) + 1;
      return json({ data, next, has_more: next < count });
    }
    if (url.pathname === '/v1/sessions') {
      const cursor = url.searchParams.get('cursor');
      const next = lies.listCursors?.(cursor) ?? null;
      return json({ data: [], next_cursor: next, has_more: next !== null });
    }
    return new Response('{}', { status: 404 });
  };
  return { fetch, log, requests };
}
