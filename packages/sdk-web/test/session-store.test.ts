import type { ScenarioName } from '@agent-sessions/mock-server';
import { describe, expect, test } from 'vitest';
import { trackingFetch } from '../../sdk-core/test/behaviour/tools.ts';
import {
  AgentSessions,
  BadRequestError,
  createClient,
  createSessionStore,
  NotFoundError,
  type SavedSession,
  type SessionEvent,
  SessionHandle,
  type SessionSnapshot,
  type SessionStore,
  type SessionStoreOptions,
  startSession,
} from '../src/index.ts';
import { type MockServerRef, mockServerForFile, storedSession } from './mock-servers.ts';

const live = mockServerForFile();
// The clock moves only when a test advances it: the session waits between steps.
const manual = mockServerForFile({ autoAdvance: false });
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

    const server = await storedSession(live, session.id);
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
    expect(notified.length).toBeGreaterThan(1);
    expect(notified.at(-1)).toBe(final);
    expect(new Set(notified).size).toBe(notified.length);
    expect(notified.every((s) => Object.isFrozen(s) && Object.isFrozen(s.events))).toBe(true);
    expect(store.getSnapshot()).toBe(final);
    expect(store.getSnapshot()).toBe(store.getSnapshot());
  });

  test('over a standalone client (createClient, new SessionHandle): the same store, without the client class', async () => {
    const client = createClient({
      apiKey: 'test-key',
      dangerouslyAllowBrowser: true,
      baseUrl: live.url,
    });
    const started = await startSession(client, {
      input: 'x',
      metadata: { scenario: 'delegation' },
    });
    const store = createSessionStore(new SessionHandle(client, started.id, started));
    const final = await until(store, (s) => s.done);
    const server = await storedSession(live, started.id);
    expect(final.events).toEqual(server.events);
    expect(final).toMatchObject({
      state: 'completed',
      answer: server.session.answer,
      error: undefined,
    });

    // An id that is no session id: the store ends with the typed error, nothing sent.
    const tracker = trackingFetch();
    const tracked = createClient({
      apiKey: 'test-key',
      dangerouslyAllowBrowser: true,
      baseUrl: live.url,
      fetch: tracker.fetch,
    });
    const refused = await until(
      createSessionStore(new SessionHandle(tracked, '../ses_x')),
      (s) => s.done,
    );
    expect(BadRequestError.is(refused.error)).toBe(true);
    expect(tracker.requests).toHaveLength(0);
  });

  test('steering through store.session shows up in the snapshot: pause, resume, force an answer', async () => {
    const client = clientFor(manual);
    const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
    const store = createSessionStore(session);
    await until(store, (s) => s.state === 'queued');
    // The scenario's first step starts 1 s in; its first event comes 10 s later.
    await manual.control.clock.advance(5_000);
    await until(store, (s) => s.state === 'running');

    await store.session.pause();
    await until(store, (s) => s.state === 'paused');
    await store.session.resume();
    await until(store, (s) => s.state === 'running');
    await store.session.forceAnswer();
    await manual.control.clock.advance(DAY_MS);
    const final = await until(store, (s) => s.done);
    expect(final.state).toBe('completed');
    expect(final.answer).toBe((await storedSession(manual, session.id)).session.answer);
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
    await manual.control.clock.advance(DAY_MS);
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
    await manual.control.clock.advance(DAY_MS);
    const final = await until(store, (s) => s.done);
    const { events } = await storedSession(manual, session.id);
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

/** A session of `many-events` on the manual-clock server, played to its end before anyone watches. */
async function endedManyEvents(fetch?: typeof globalThis.fetch) {
  const session = await clientFor(manual, fetch).sessions.start({
    input: 'x',
    metadata: { scenario: 'many-events' },
  });
  await manual.control.clock.advance(DAY_MS);
  const server = await storedSession(manual, session.id);
  return { session, server };
}

describe('createSessionStore at scale', () => {
  test('20,000 events in one page notify listeners once, not once per event', async () => {
    const { session, server } = await endedManyEvents();
    expect(server.events.length).toBeGreaterThan(20_000);
    const store = createSessionStore(session);
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
    });
    try {
      const final = await until(store, (s) => s.done);
      expect(calls).toBe(1);
      expect(final.event_count).toBe(server.events.length);
      expect(final.cursor).toBe(server.events.length);
      expect(final.events).toEqual(server.events);
      expect(final.step_count).toBe(server.session.step_count);
    } finally {
      unsubscribe();
    }
  });

  test('maxEvents keeps only the newest events; event_count still counts them all', async () => {
    const { session, server } = await endedManyEvents();
    const store = createSessionStore(session, { maxEvents: 100 });
    const final = await until(store, (s) => s.done);
    expect(final.events).toEqual(server.events.slice(-100));
    expect(final.event_count).toBe(server.events.length);
    expect(final.usage).toEqual(server.session.usage);
  });

  test('maxEvents: 0 keeps no event and still folds them all', async () => {
    const { session, server } = await endedManyEvents();
    const final = await until(createSessionStore(session, { maxEvents: 0 }), (s) => s.done);
    expect(final.events).toEqual([]);
    expect(final).toMatchObject({ event_count: server.events.length, state: 'completed' });
  });
});

describe('createSessionStore step_count', () => {
  test('counts steps started, as the API does: the step in progress counts', async () => {
    const session = await clientFor(manual).sessions.start({
      input: 'x',
      metadata: { scenario: 'slow' },
    });
    const store = createSessionStore(session);
    // The scenario's first step starts 1 s in and runs 30 s.
    await manual.control.clock.advance(5_000);
    const server = await storedSession(manual, session.id);
    expect(server.events.some((e) => e.type === 'step_started')).toBe(true);
    expect(server.events.some((e) => e.type === 'step_finished')).toBe(false);
    const seen = await until(store, (s) => s.event_count === server.events.length);
    expect(seen.step_count).toBe(server.session.step_count);
    expect(seen.step_count).toBe(1);
    store.stop();
  });
});

describe('createSessionStore resume', () => {
  test('a saved snapshot survives JSON and a new store carries on from its cursor: no event missed or repeated', async () => {
    const session = await clientFor(manual).sessions.start({
      input: 'x',
      metadata: { scenario: 'slow' },
    });
    const first = createSessionStore(session);
    await manual.control.clock.advance(5_000);
    const midway = (await storedSession(manual, session.id)).events.length;
    await until(first, (s) => s.event_count === midway);
    const saved: SavedSession = JSON.parse(JSON.stringify(first.save()));
    first.stop();
    expect(saved).toMatchObject({
      id: session.id,
      cursor: midway,
      event_count: midway,
      done: false,
    });

    // A reload: another client, another handle, the same session.
    const tracker = trackingFetch();
    const handle = clientFor(manual, tracker.fetch).sessions.get(session.id);
    const second = createSessionStore(handle, { initial: saved });
    expect(second.getSnapshot()).toMatchObject({
      cursor: midway,
      events: saved.events,
      done: false,
    });
    await manual.control.clock.advance(DAY_MS);
    const final = await until(second, (s) => s.done);
    const server = await storedSession(manual, session.id);
    expect(final.events).toEqual(server.events);
    expect(final).toMatchObject({
      step_count: server.session.step_count,
      usage: server.session.usage,
      answer: server.session.answer,
      state: 'completed',
    });
    const polls = tracker.requests.filter((r) => r.url.includes('/changes'));
    expect(new URL(polls[0]!.url).searchParams.get('from')).toBe(String(midway));
  });

  test('a session saved after it ended restores as done and makes no request', async () => {
    const { session } = await endedManyEvents();
    const ended = await until(createSessionStore(session, { maxEvents: 10 }), (s) => s.done);
    const store = createSessionStore(session, { initial: JSON.parse(JSON.stringify(ended)) });
    expect(store.getSnapshot()).toMatchObject({ done: true, event_count: ended.event_count });
    const tracker = trackingFetch();
    const again = createSessionStore(clientFor(manual, tracker.fetch).sessions.get(session.id), {
      initial: JSON.parse(JSON.stringify(store.save())),
    });
    again.subscribe(() => {});
    expect(tracker.requests).toEqual([]);
  });

  test('getServerSnapshot() is the starting snapshot and makes no request', async () => {
    const tracker = trackingFetch();
    const handle = clientFor(manual, tracker.fetch).sessions.get('ses_anything');
    const saved: SavedSession = {
      id: 'ses_anything',
      state: 'running',
      turn: 1,
      step_count: 2,
      usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
      events: [],
      cursor: 7,
      event_count: 7,
      answer: null,
      done: false,
    };
    const store = createSessionStore(handle, { initial: saved });
    const server = store.getServerSnapshot();
    expect(server).toMatchObject({ ...saved, error: undefined });
    expect(server).toBe(store.getServerSnapshot());
    expect(server).toBe(store.getSnapshot());
    expect(Object.isFrozen(server)).toBe(true);
    expect(tracker.requests).toEqual([]);
    expect(createSessionStore(handle).getServerSnapshot()).toMatchObject({
      state: undefined,
      cursor: 0,
      events: [],
    });
  });

  test('a saved session of another session, or with broken numbers, is refused with the path', () => {
    const handle = clientFor(manual).sessions.get('ses_a');
    const good: SavedSession = {
      id: 'ses_a',
      turn: 0,
      step_count: 0,
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      events: [],
      cursor: 0,
      event_count: 0,
      answer: null,
      done: false,
    };
    const refusal = (initial: unknown) => {
      try {
        createSessionStore(handle, { initial: initial as SavedSession });
      } catch (error) {
        expect(BadRequestError.is(error)).toBe(true);
        return (error as BadRequestError).errors?.[0]?.path;
      }
      return 'accepted';
    };
    expect(refusal(good)).toBe('accepted');
    expect(refusal({ ...good, id: 'ses_b' })).toBe('options.initial.id');
    expect(refusal({ ...good, cursor: -1 })).toBe('options.initial.cursor');
    expect(refusal({ ...good, cursor: '3' })).toBe('options.initial.cursor');
    expect(refusal({ ...good, usage: null })).toBe('options.initial.usage.input_tokens');
    expect(refusal({ ...good, events: {} })).toBe('options.initial.events');
    expect(refusal(null)).toBe('options.initial');
  });
});

describe('a saved session (initial) is checked, and the server trusted over it', () => {
  const EVENT = {
    index: 0,
    type: 'state_changed',
    created_at: '2026-01-01T00:00:00.000Z',
    turn: 1,
    agent: { id: 'main', parent_id: null },
    data: { from: null, to: 'queued', reason: 'created' },
  };
  const good: SavedSession = {
    id: 'ses_a',
    turn: 1,
    step_count: 0,
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    events: [EVENT as SessionEvent],
    cursor: 1,
    event_count: 1,
    answer: null,
    done: false,
  };
  const refusal = (initial: unknown) => {
    try {
      createSessionStore(clientFor(manual).sessions.get('ses_a'), {
        initial: initial as SavedSession,
      });
    } catch (error) {
      expect(BadRequestError.is(error)).toBe(true);
      return (error as BadRequestError).errors?.[0]?.path;
    }
    return 'accepted';
  };

  test('each saved event is checked as a response event is, naming the field', () => {
    expect(refusal(good)).toBe('accepted');
    expect(refusal({ ...good, events: [{ index: 0 }] })).toMatch(
      /^options\.initial\.events\[0\]\./,
    );
    expect(refusal({ ...good, events: [{ ...EVENT, type: 'answer', data: null }] })).toMatch(
      /^options\.initial\.events\[0\]/,
    );
    expect(refusal({ ...good, events: [{ ...EVENT, index: '0' }] })).toBe(
      'options.initial.events[0].index',
    );
    expect(refusal({ ...good, events: [{ ...EVENT, agent: null }] })).toMatch(
      /^options\.initial\.events\[0\]\.agent/,
    );
  });

  test('event_count other than the cursor, more events than that, or a done that is not a boolean: refused', () => {
    const second = { ...EVENT, index: 1 };
    expect(refusal({ ...good, events: [EVENT, second], cursor: 2, event_count: 1 })).toBe(
      'options.initial.event_count',
    );
    expect(refusal({ ...good, events: [EVENT, second], cursor: 1, event_count: 1 })).toBe(
      'options.initial.events',
    );
    // The events kept must be the newest before the cursor: index 2 here, not 0.
    expect(refusal({ ...good, cursor: 3, event_count: 3 })).toBe('options.initial.events');
    expect(refusal({ ...good, events: [], cursor: 3, event_count: 3 })).toBe('accepted');
    expect(refusal({ ...good, events: [second], cursor: 3, event_count: 3 })).toBe(
      'options.initial.events',
    );
    expect(refusal({ ...good, done: 'yes' })).toBe('options.initial.done');
  });

  test('the whole log saved: the numbers are folded from the events, not taken on trust', () => {
    const store = createSessionStore(clientFor(manual).sessions.get('ses_a'), {
      initial: { ...good, step_count: 40, turn: 9, answer: 'made up', state: 'completed' },
    });
    expect(store.getSnapshot()).toMatchObject({
      step_count: 0,
      turn: 1,
      answer: null,
      state: 'queued',
      cursor: 1,
    });
  });

  const restoredFrom = async (tamper: (saved: SavedSession, real: number) => SavedSession) => {
    const tracker = trackingFetch();
    const session = await clientFor(manual, tracker.fetch).sessions.start({
      input: 'x',
      metadata: { scenario: 'slow' },
    });
    const real = (await storedSession(manual, session.id)).events as SessionEvent[];
    const saved: SavedSession = {
      id: session.id,
      turn: 1,
      step_count: 0,
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      events: real,
      cursor: real.length,
      event_count: real.length,
      answer: null,
      done: false,
    };
    const store = createSessionStore(session, { initial: tamper(saved, real.length) });
    const ended = until(store, (s) => s.done);
    // The cursor is checked, and the watch parked, before the session moves on.
    await expect.poll(() => parkedPolls(manual)).toBe(1);
    await manual.control.clock.advance(DAY_MS);
    const final = await ended;
    const server = await storedSession(manual, session.id);
    expect(final.error).toBeUndefined();
    expect(final.events).toEqual(server.events);
    expect(final).toMatchObject({
      step_count: server.session.step_count,
      usage: server.session.usage,
      answer: server.session.answer,
      cursor: server.events.length,
      event_count: server.events.length,
      state: 'completed',
    });
    return tracker;
  };

  test('a saved cursor ahead of the server: the store reads the session from its start and ends equal to it', async () => {
    const tracker = await restoredFrom((saved, real) => ({
      ...saved,
      events: [],
      cursor: real + 8,
      event_count: real + 8,
      step_count: 6,
    }));
    const first = tracker.requests.find((r) => r.url.includes('/changes'));
    expect(new URL(first!.url).searchParams.get('from')).toBe('0');
  });

  test('a saved last event the server has otherwise (another session under the id): read again from the start', async () => {
    await restoredFrom((saved) => {
      const events = [...saved.events];
      const last = events.at(-1)!;
      events[events.length - 1] = { ...last, created_at: '1999-01-01T00:00:00.000Z' };
      return { ...saved, events };
    });
  });

  test('a saved session the server agrees with carries on from its cursor, reading nothing twice', async () => {
    const tracker = await restoredFrom((saved) => saved);
    const first = tracker.requests.find((r) => r.url.includes('/changes'));
    expect(Number(new URL(first!.url).searchParams.get('from'))).toBeGreaterThan(0);
  });
});

describe('createSessionStore options', () => {
  test("mode 'status' polls status() only and follows the session to its end", async () => {
    const tracker = trackingFetch();
    const session = await clientFor(manual, tracker.fetch).sessions.start({
      input: 'x',
      metadata: { scenario: 'slow' },
    });
    const store = createSessionStore(session, { mode: 'status', pollIntervalMs: 5 });
    await until(store, (s) => s.state === 'queued');
    await manual.control.clock.advance(5_000);
    await until(store, (s) => s.state === 'running' && s.step_count === 1);
    await manual.control.clock.advance(DAY_MS);
    const final = await until(store, (s) => s.done);
    const server = await storedSession(manual, session.id);
    expect(final).toMatchObject({
      state: 'completed',
      step_count: server.session.step_count,
      usage: server.session.usage,
      answer: server.session.answer,
      turn: server.session.turn,
      events: [],
      error: undefined,
    });
    const paths = tracker.requests.slice(1).map((r) => `${r.method} ${new URL(r.url).pathname}`);
    expect(new Set(paths)).toEqual(new Set([`GET /v1/sessions/${session.id}`]));
  });

  test('onEvent hears every event once, in order, before listeners are notified', async () => {
    const session = await clientFor(live).sessions.start({
      input: 'x',
      metadata: { scenario: 'delegation' },
    });
    const heard: SessionEvent[] = [];
    const store = createSessionStore(session, { onEvent: (event) => heard.push(event) });
    const mismatches: number[] = [];
    store.subscribe(() => {
      const { event_count } = store.getSnapshot();
      if (heard.length !== event_count) mismatches.push(event_count);
    });
    await until(store, (s) => s.done);
    expect(heard).toEqual((await storedSession(live, session.id)).events);
    expect(mismatches).toEqual([]);
  });

  test('bad options are refused with the option named', () => {
    const handle = clientFor(manual).sessions.get('ses_a');
    expect(() => createSessionStore(handle, { maxEvents: -1 })).toThrow(/options\.maxEvents/);
    expect(() => createSessionStore(handle, { maxEvents: 1.5 })).toThrow(/options\.maxEvents/);
    expect(() => createSessionStore(handle, { pollIntervalMs: Number.NaN })).toThrow(
      /options\.pollIntervalMs/,
    );
    expect(() => createSessionStore(handle, { mode: 'live' as 'events' })).toThrow(/options\.mode/);
  });
  test('a pollIntervalMs past what a timer can wait (2^31 ms) is refused, not polled at once', () => {
    const handle = clientFor(manual).sessions.get('ses_a');
    // setTimeout fires such a delay after ~1 ms: the store would ask the server in a loop.
    for (const pollIntervalMs of [2 ** 31, Number.MAX_VALUE]) {
      expect(() => createSessionStore(handle, { mode: 'status', pollIntervalMs })).toThrow(
        /options\.pollIntervalMs/,
      );
    }
    expect(() =>
      createSessionStore(handle, { mode: 'status', pollIntervalMs: 2 ** 31 - 1 }),
    ).not.toThrow();
  });
});

describe('createSessionStore against odd servers and odd use', () => {
  test('a server that repeats events, within a page and across pages, shows each once', async () => {
    // Every /changes answer lists its events twice and claims `next` is where it started.
    const lying: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.endsWith('/changes') || !response.ok) return response;
      const page = await response.json();
      const from = Number(url.searchParams.get('from') ?? 0);
      const lie = { ...page, events: [...page.events, ...page.events], next: from };
      return new Response(JSON.stringify(lie), { status: 200, headers: response.headers });
    };
    const session = await clientFor(live, lying).sessions.start({
      input: 'x',
      metadata: { scenario: 'delegation' },
    });
    const final = await until(createSessionStore(session), (s) => s.done);
    const { events } = await storedSession(live, session.id);
    expect(final.events).toEqual(events);
    expect(final).toMatchObject({ event_count: events.length, cursor: events.length });
  });

  test('a server whose next skips past events it did not send loses none: the store reads them from the history', async () => {
    // Every /changes answer keeps only its first event but claims `next` past all of them.
    const skipping: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.endsWith('/changes') || !response.ok) return response;
      const page = await response.json();
      const lie = { ...page, events: page.events.slice(0, 1) };
      return new Response(JSON.stringify(lie), { status: 200, headers: response.headers });
    };
    const session = await clientFor(live, skipping).sessions.start({
      input: 'x',
      metadata: { scenario: 'delegation' },
    });
    const final = await until(createSessionStore(session), (s) => s.done);
    const { events } = await storedSession(live, session.id);
    expect(final.events).toEqual(events);
    expect(final).toMatchObject({ event_count: events.length, cursor: events.length });
  });

  test("mode 'status': stop() during the wait between polls ends it at once, with no request after", async () => {
    const tracker = trackingFetch();
    const session = await clientFor(manual, tracker.fetch).sessions.start({
      input: 'x',
      metadata: { scenario: 'slow' },
    });
    const store = createSessionStore(session, { mode: 'status', pollIntervalMs: 60_000 });
    await until(store, (s) => s.state === 'queued');
    const sent = tracker.requests.length;
    store.stop();
    expect(store.getSnapshot()).toMatchObject({ done: true, error: undefined });
    await manual.control.clock.advance(DAY_MS);
    expect(tracker.requests.length).toBe(sent);
  });

  test('a saved session whose events disagree with its cursor or order is refused, naming events', async () => {
    const { session, server } = await endedManyEvents();
    const logged = server.events as SavedSession['events'];
    const saved: SavedSession = {
      ...createSessionStore(session).save(),
      events: logged.slice(0, 6),
      cursor: 6,
      event_count: 6,
    };
    const tracker = trackingFetch();
    const handle = clientFor(manual, tracker.fetch).sessions.get(session.id);
    expect(() => createSessionStore(handle, { initial: saved })).not.toThrow();
    const lies: SavedSession['events'][] = [
      // Watching from cursor 3 would read events 3-5 again: each would show twice.
      logged.slice(0, 6).concat(logged.slice(3, 6)),
      logged.slice(0, 6).reverse(),
      [null as unknown as SessionEvent],
    ];
    for (const events of lies) {
      expect(() => createSessionStore(handle, { initial: { ...saved, events } })).toThrow(
        /options\.initial\.events/,
      );
    }
    expect(() =>
      createSessionStore(handle, { initial: { ...saved, cursor: 3, event_count: 3 } }),
    ).toThrow(/options\.initial\.events/);
    expect(tracker.requests).toEqual([]);
  });

  test('stop() from onEvent stays stopped: the rest of the page does not bring done back to false', async () => {
    const tracker = trackingFetch();
    const session = await clientFor(manual, tracker.fetch).sessions.start({
      input: 'x',
      metadata: { scenario: 'slow' },
    });
    const seen: SessionSnapshot[] = [];
    const store: SessionStore = createSessionStore(session, {
      onEvent: () => store.stop(),
    });
    const stopped = until(store, (s) => s.done);
    store.subscribe(() => seen.push(store.getSnapshot()));
    await stopped;
    // The rest of the page is folded in the same task as the stop, before this line runs.
    const sent = tracker.requests.length;
    expect(store.getSnapshot().done).toBe(true);
    expect(seen.map((s) => s.done)).not.toContain(false);
    await manual.control.clock.advance(DAY_MS);
    expect(tracker.requests.length).toBe(sent);
  });

  test('a saved session with more events than maxEvents keeps the newest', async () => {
    const { session, server } = await endedManyEvents();
    const full = await until(createSessionStore(session), (s) => s.done);
    const store = createSessionStore(session, {
      initial: JSON.parse(JSON.stringify(full)),
      maxEvents: 3,
    });
    expect(store.getSnapshot().events).toEqual(server.events.slice(-3));
    expect(store.save().events).toEqual(server.events.slice(-3));
    expect(store.save().event_count).toBe(server.events.length);
  });
});

// Every catalog scenario: the compiler rejects a missing or unknown name.
const CATALOG: Record<ScenarioName, true> = {
  'short-answer': true,
  'long-run': true,
  'tool-calls': true,
  delegation: true,
  conversation: true,
  failure: true,
  slow: true,
};

describe('createSessionStore agrees with the API', () => {
  test.each(Object.keys(CATALOG))(
    '%s: at every event, the snapshot and status() agree on state, turn, steps, usage and answer',
    async (scenario) => {
      const client = clientFor(manual);
      // A first run gives the moments (on the virtual clock) at which its events happen; the
      // engine is deterministic, so a second session of the scenario has them at the same offsets.
      const probe = await client.sessions.start({ input: 'x', metadata: { scenario } });
      await manual.control.clock.advance(DAY_MS);
      const { events: played } = await storedSession(manual, probe.id);
      const started = Date.parse((await probe.status()).created_at);
      const moments = [...new Set(played.map((e) => Date.parse(e.created_at) - started))].sort(
        (a, b) => a - b,
      );
      expect(moments.length).toBeGreaterThan(1);
      expect(moments.every(Number.isFinite)).toBe(true);

      const session = await client.sessions.start({ input: 'x', metadata: { scenario } });
      const store = createSessionStore(session);
      const unsubscribe = store.subscribe(() => {});
      try {
        let now = 0;
        for (const moment of moments) {
          await manual.control.clock.advance(moment - now);
          now = moment;
          const server = await storedSession(manual, session.id);
          const status = await session.status();
          await expect.poll(() => store.getSnapshot().event_count).toBe(server.events.length);
          const { state, turn, step_count, usage, answer } = store.getSnapshot();
          const agreed = { state, turn, step_count, usage, answer };
          expect(agreed, `at +${moment} ms`).toEqual({
            state: status.state,
            turn: status.turn,
            step_count: status.step_count,
            usage: status.usage,
            answer: status.answer,
          });
          expect(step_count).toBe(server.events.filter((e) => e.type === 'step_started').length);
        }
      } finally {
        unsubscribe();
        store.stop();
      }
    },
    60_000,
  );
});

describe('createSessionStore and user code that throws', () => {
  test('a listener or onEvent that throws is reported, and the store and the other listeners carry on', async () => {
    const reported: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      reported.push(event.error);
    };
    globalThis.addEventListener('error', onError);
    try {
      const session = await clientFor(live).sessions.start({ input: 'x' });
      const store = createSessionStore(session, {
        onEvent: (event) => {
          if (event.index === 0) throw new Error('onEvent broke');
        },
      });
      store.subscribe(() => {
        throw new Error('listener broke');
      });
      const final = await until(store, (s) => s.done);
      expect(final).toMatchObject({ state: 'completed', error: undefined });
      expect(final.events).toEqual((await storedSession(live, session.id)).events);
      const messages = reported.map((error) => (error as Error).message);
      expect(messages).toContain('onEvent broke');
      expect(messages).toContain('listener broke');
    } finally {
      globalThis.removeEventListener('error', onError);
    }
  });
});
