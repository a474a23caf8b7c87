import { describe, expect, test } from 'vitest';
import { trackingFetch } from '../../sdk-core/test/behaviour/tools.ts';
import {
  AgentSessions,
  createSessionStore,
  NotFoundError,
  type SessionSnapshot,
  type SessionStore,
  type SessionStoreOptions,
} from '../src/index.ts';
import { type MockServerRef, useMockServer } from './mock-servers.ts';

const live = useMockServer();
// The clock moves only when a test advances it: the session waits between steps.
const manual = useMockServer({ autoAdvance: false });
const DAY_MS = 24 * 60 * 60 * 1000;

function clientFor(server: MockServerRef, fetch = globalThis.fetch.bind(globalThis)) {
  return new AgentSessions({
    apiKey: 'test-key',
    dangerouslyAllowBrowser: true,
    baseUrl: server.url,
    fetch,
  });
}

/** Subscribes, recording every snapshot the store notifies; resolves once `predicate` holds. */
function until(store: SessionStore, predicate: (snapshot: SessionSnapshot) => boolean) {
  return new Promise<SessionSnapshot>((resolve) => {
    const check = () => {
      const snapshot = store.getSnapshot();
      if (predicate(snapshot)) {
        unsubscribe();
        resolve(snapshot);
      }
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

const parkedPolls = async (server: MockServerRef) => (await server.control.stats()).parked;

/**
 * A store on a new `slow` session of the manual-clock server, its requests tracked (with each
 * request's signal); resolves once `watch` (a subscription) has a long-poll parked there.
 */
async function parkedStore<T>(watch: (store: SessionStore) => T, options?: SessionStoreOptions) {
  const signals: AbortSignal[] = [];
  const tracker = trackingFetch((request) => signals.push(request.signal));
  const session = await clientFor(manual, tracker.fetch).sessions.start({
    input: 'x',
    metadata: { scenario: 'slow' },
  });
  const store = createSessionStore(session, options);
  const watching = watch(store);
  await expect.poll(() => parkedPolls(manual)).toBe(1);
  return { store, session, tracker, signals, watching };
}

describe('createSessionStore', () => {
  test('follows a session to its end: events, state, steps, usage and answer match the server', async () => {
    const client = clientFor(live);
    const session = await client.sessions.start({
      input: 'x',
      metadata: { scenario: 'delegation' },
    });
    const store = createSessionStore(session);
    const initial = store.getSnapshot();
    expect(initial).toMatchObject({
      id: session.id,
      state: undefined,
      events: [],
      answer: null,
      done: false,
    });

    const notified: SessionSnapshot[] = [];
    const unsubscribe = store.subscribe(() => notified.push(store.getSnapshot()));
    const final = await until(store, (s) => s.done);
    unsubscribe();

    const server = await live.control.inspect(session.id);
    expect(final.events).toEqual(server.events);
    expect(final).toMatchObject({
      state: 'completed',
      turn: server.session.turn,
      step_count: server.session.step_count,
      usage: server.session.usage,
      answer: server.session.answer,
      error: undefined,
      done: true,
    });
    // One new frozen snapshot per change, so `!==` means "render again" (useSyncExternalStore).
    expect(notified).toHaveLength(server.events.length + 1);
    expect(new Set(notified).size).toBe(notified.length);
    expect(notified.every((s) => Object.isFrozen(s) && Object.isFrozen(s.events))).toBe(true);
    expect(store.getSnapshot()).toBe(final);
    expect(store.getSnapshot()).toBe(store.getSnapshot());
  });

  test('steering through store.session shows up in the snapshot: pause, resume, force an answer', async () => {
    const client = clientFor(manual);
    const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
    const store = createSessionStore(session);
    await until(store, (s) => s.state === 'queued');
    // The scenario's first step starts 1 s in; its first event comes 10 s later.
    await manual.control.advance(5_000);
    await until(store, (s) => s.state === 'running');

    await store.session.pause();
    await until(store, (s) => s.state === 'paused');
    await store.session.resume();
    await until(store, (s) => s.state === 'running');
    await store.session.forceAnswer();
    await manual.control.advance(DAY_MS);
    const final = await until(store, (s) => s.done);
    expect(final.state).toBe('completed');
    expect(final.answer).toBe((await manual.control.inspect(session.id)).session.answer);
    expect(final.events.filter((e) => e.type === 'answer').map((e) => e.data)).toEqual([
      { content: final.answer, forced: true },
    ]);
  });

  test('stop() cancels the request in flight at once and ends the store; nothing changes after', async () => {
    const { store, tracker, signals, watching } = await parkedStore((s) => until(s, (x) => x.done));
    expect(tracker.inFlight).toBe(1);
    const before = store.getSnapshot();
    store.stop();
    expect(signals.at(-1)?.aborted).toBe(true);
    const after = await watching;
    expect(after).toMatchObject({ done: true, error: undefined, events: before.events });
    await expect.poll(() => parkedPolls(manual)).toBe(0);
    const sent = tracker.requests.length;
    await manual.control.advance(DAY_MS);
    expect(store.getSnapshot()).toBe(after);
    store.subscribe(() => {});
    expect(tracker.requests.length).toBe(sent);
  });

  test('the last unsubscribe pauses watching; the next subscribe resumes from the cursor', async () => {
    const parked = await parkedStore((s) => s.subscribe(() => {}));
    const { store, session, tracker, signals, watching: unsubscribe } = parked;
    const seenBefore = store.getSnapshot().events.length;
    unsubscribe();
    expect(signals.at(-1)?.aborted).toBe(true);
    await expect.poll(() => parkedPolls(manual)).toBe(0);
    expect(store.getSnapshot().done).toBe(false);

    // The session moves on while nobody listens.
    await manual.control.advance(DAY_MS);
    const final = await until(store, (s) => s.done);
    const { events } = await manual.control.inspect(session.id);
    expect(seenBefore).toBeLessThan(events.length);
    expect(final.events).toEqual(events);
    const polls = tracker.requests.filter((r) => r.url.includes('/changes'));
    expect(new URL(polls.at(-1)!.url).searchParams.get('from')).toBe(String(seenBefore));
  });

  test('a watch that fails ends the store with the typed error', async () => {
    const store = createSessionStore(clientFor(live).sessions.get('ses_does_not_exist'));
    const final = await until(store, (s) => s.done);
    expect(NotFoundError.is(final.error)).toBe(true);
    expect(final.events).toEqual([]);
  });

  test('its signal stops it like stop()', async () => {
    const controller = new AbortController();
    const { watching, signals } = await parkedStore((s) => until(s, (x) => x.done), {
      signal: controller.signal,
    });
    controller.abort();
    expect(signals.at(-1)?.aborted).toBe(true);
    expect((await watching).error).toBeUndefined();
    await expect.poll(() => parkedPolls(manual)).toBe(0);
  });
});
