// What the session store costs per event: 20,000 events through createSessionStore, timed, with
// the listener calls counted. A handle that serves a prepared log from memory isolates the
// store's own cost (no network, no validation); the last run goes through the real mock server.
// Run: pnpm --filter @agent-sessions/sdk-web bench
import { createMockServer } from '@agent-sessions/mock-server';
import {
  AgentSessions,
  createSessionStore,
  type SessionEvent,
  type SessionHandle,
  type SessionStoreOptions,
} from '../src/index.ts';
import { manyEvents } from '../test/store-fixtures.ts';

const EVENTS = 20_000;
const agent = { id: 'main', parent_id: null };
const log: SessionEvent[] = Array.from({ length: EVENTS }, (_, index) => ({
  index,
  type: index % 100 === 0 ? 'step_started' : 'thought',
  created_at: '2026-01-01T00:00:00Z',
  turn: 1,
  agent,
  data: index % 100 === 0 ? { step: index / 100 + 1 } : { content: `thought ${index}` },
}));

/** A handle whose `changes` serves `log` from memory, `pageSize` events per call. */
function memoryHandle(pageSize: number): SessionHandle {
  const handle = {
    id: 'ses_bench',
    changes: async ({ from = 0 }: { from?: number } = {}) => {
      const events = log.slice(from, from + pageSize);
      const next = from + events.length;
      return { events, next, terminal: next >= log.length };
    },
  };
  // Only `changes` is used by the store in events mode.
  return handle as unknown as SessionHandle;
}

/** Runs a store to its end; resolves with the time taken, listener calls and events kept. */
function follow(handle: SessionHandle, readEvents: boolean, options: SessionStoreOptions = {}) {
  return new Promise<{ ms: number; calls: number; count: number; kept: number }>((resolve) => {
    const started = performance.now();
    const store = createSessionStore(handle, options);
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
      const snapshot = store.getSnapshot();
      // What a UI that renders the list does: read the events of every snapshot.
      if (readEvents) void snapshot.events.length;
      if (snapshot.done) {
        unsubscribe();
        resolve({
          ms: performance.now() - started,
          calls,
          count: snapshot.event_count,
          kept: snapshot.events.length,
        });
      }
    });
  });
}

const rows: string[][] = [['run', 'events', 'pages', 'listener calls', 'time']];
const row = (name: string, pages: number, r: Awaited<ReturnType<typeof follow>>) =>
  rows.push([name, String(r.count), String(pages), String(r.calls), `${r.ms.toFixed(1)} ms`]);

// One untimed run first, so the timed ones measure compiled code, not the JIT warming up.
await follow(memoryHandle(100), true);
row('pages of 100, listener reads events', EVENTS / 100, await follow(memoryHandle(100), true));
row('one page of 20,000, listener reads events', 1, await follow(memoryHandle(EVENTS), true));
row('pages of 1, listener reads state only', EVENTS, await follow(memoryHandle(1), false));
row(
  'pages of 1, listener reads events, maxEvents 200',
  EVENTS,
  await follow(memoryHandle(1), true, { maxEvents: 200 }),
);
row('pages of 1, listener reads events (worst case)', EVENTS, await follow(memoryHandle(1), true));

// The same through the real mock server (HTTP, JSON, response validation): a session of
// `many-events` played to its end, then followed by a store from event 0.
const server = await createMockServer({ fixtures: [manyEvents], autoAdvance: false });
try {
  const client = new AgentSessions({
    apiKey: 'test-key',
    dangerouslyAllowBrowser: true,
    baseUrl: server.url,
  });
  const session = await client.sessions.start({
    input: 'x',
    metadata: { scenario: 'many-events' },
  });
  server.clock.advance(24 * 60 * 60 * 1000);
  row('mock server over HTTP, one page', 1, await follow(session, true));
} finally {
  await server.close();
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
