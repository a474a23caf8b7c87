// The browser's network status as the client's `online` platform piece, in Chromium against a
// real mock server, with the page taken offline by Playwright's network emulation.
import { expect, test } from 'vitest';
import {
  countingOnline,
  flush,
  manualTimers,
  switchableOnline,
} from '../../sdk-core/test/behaviour/tools.ts';
import { browserOnline } from '../src/browser-online.ts';
import {
  AbortError,
  AgentSessions,
  createSessionStore,
  type FetchLike,
  type SessionEvent,
} from '../src/index.ts';
import { mockServerForFile, storedSession } from './mock-servers.ts';
import { goOffline } from './page-network.ts';
import { trackedClient } from './tracked-client.ts';

// The mock's clock moves only when a test advances it, so a long-poll stays parked until then.
const server = mockServerForFile({ autoAdvance: false });
const DAY_MS = 24 * 60 * 60 * 1000;

/** Lets queued work run: a few turns of the event loop (no time is waited for). */
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}

/** The requests the server received for `path` with `method`. */
const received = (method: string, path: string) => server.control.journal.count({ method, path });

test('the browser piece reads navigator.onLine and hears the online/offline events until unsubscribed', async () => {
  expect(browserOnline.isOnline()).toBe(true);
  const heard: boolean[] = [];
  const unsubscribe = browserOnline.subscribe((online) => heard.push(online));
  const backOnline = await goOffline();
  expect(browserOnline.isOnline()).toBe(false);
  await backOnline();
  expect(browserOnline.isOnline()).toBe(true);
  expect(heard).toEqual([false, true]);
  unsubscribe();
  unsubscribe();
  await (await goOffline())();
  expect(heard).toEqual([false, true]);
});

test('a message sent offline goes out exactly once when the network is back: one request, one message', async () => {
  const { client, tracker } = trackedClient(server);
  const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
  const path = `/v1/sessions/${session.id}/messages`;
  const backOnline = await goOffline();
  const sending = client.sessions.send(session.id, 'Only by train');
  await settle();
  // Held, not failed: nothing left the page.
  expect(tracker.requests.filter((r) => r.url.endsWith('/messages'))).toHaveLength(0);
  await backOnline();
  const { message_id } = await sending;
  expect(message_id).toEqual(expect.any(String));
  expect(tracker.requests.filter((r) => r.url.endsWith('/messages'))).toHaveLength(1);
  expect(await received('POST', path)).toBe(1);
  // The agent reads its messages as it steps: let the session play to its end.
  await server.control.clock.advance(DAY_MS);
  const { events } = await storedSession(server, session.id);
  const messages = events.filter(
    (e) =>
      e.type === 'message_received' && (e.data as { content?: string }).content === 'Only by train',
  );
  expect(messages).toHaveLength(1);
});

test('a watch across two outages delivers every event exactly once, and spends no retry on either', async () => {
  // No retry allowed at all: a drop that spent one would end the watch.
  const { client, tracker } = trackedClient(server, { maxRetries: 0 });
  const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
  const seen: SessionEvent[] = [];
  const watching = (async () => {
    for await (const event of session.watch({ wait_s: 60 })) seen.push(event);
  })();
  const parked = async () => (await server.control.stats()).parked;
  for (let outage = 0; outage < 2; outage++) {
    await expect.poll(parked).toBe(1);
    const sent = tracker.requests.length;
    const backOnline = await goOffline();
    // The parked poll is dropped at once; nothing is sent while offline.
    await expect.poll(() => tracker.inFlight).toBe(0);
    await settle();
    expect(tracker.requests.length).toBe(sent);
    await backOnline();
    // The session moves on a little between outages.
    await expect.poll(parked).toBe(1);
    await server.control.clock.advance(5_000);
  }
  await expect.poll(parked).toBe(1);
  await server.control.clock.advance(DAY_MS);
  await watching;
  const { events, session: final } = await storedSession(server, session.id);
  expect(final.state).toBe('completed');
  expect(seen).toEqual(events);
});

test('an abort while waiting offline rejects with the AbortError at once; nothing is sent, no listener is left', async () => {
  const online = countingOnline(browserOnline);
  const { client, tracker } = trackedClient(server, { platform: { online: online.online } });
  const backOnline = await goOffline();
  const controller = new AbortController();
  const listing = client.sessions.list({ signal: controller.signal }).catch((e: unknown) => e);
  await expect.poll(() => online.listening).toBe(1);
  controller.abort(new Error('user left'));
  // Settled before a timer could run: it does not wait for the network to come back.
  const outcome = await Promise.race([listing, flush().then(() => 'still waiting')]);
  expect(AbortError.is(outcome)).toBe(true);
  expect((outcome as AbortError).cause).toEqual(new Error('user left'));
  expect(online.listening).toBe(0);
  await backOnline();
  await settle();
  expect(tracker.requests).toHaveLength(0);
});

test('a custom online piece is honoured over the browser: the call waits for it, not for the page', async () => {
  const net = switchableOnline(false);
  const { client, tracker } = trackedClient(server, { platform: { online: net.online } });
  // The page is online; the injected piece says otherwise, and wins (withOptions keeps it).
  const derived = client.withOptions({ timeoutMs: 30_000 });
  const listing = derived.sessions.list().then((page) => page.data);
  await settle();
  expect(tracker.requests).toHaveLength(0);
  expect(net.listening).toBe(1);
  net.set(true);
  expect(await listing).toBeInstanceOf(Array);
  expect(tracker.requests).toHaveLength(1);
  expect(net.listening).toBe(0);
});

test('the network flapping while a message is held: it is sent with one key and the session gets it once', async () => {
  const { client, tracker } = trackedClient(server, { maxRetries: 0 });
  const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
  const first = await goOffline();
  const sending = client.sessions.send(session.id, 'flapped');
  await settle();
  // Back and down again at once, twice: whatever went out in between is dropped and sent again.
  await first();
  await (await goOffline())();
  await (await goOffline())();
  expect((await sending).message_id).toEqual(expect.any(String));
  const posts = tracker.requests.filter((r) => r.url.endsWith('/messages'));
  expect(posts.length).toBeGreaterThanOrEqual(1);
  expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(1);
  // The agent reads its messages as it steps: let the session play to its end.
  await server.control.clock.advance(DAY_MS);
  const { events } = await storedSession(server, session.id);
  const received = events.filter(
    (e) => e.type === 'message_received' && (e.data as { content?: string }).content === 'flapped',
  );
  expect(received).toHaveLength(1);
});

test('an online event the network does not back up: the request that fails is not a spent retry', async () => {
  const { client, tracker } = trackedClient(server, { maxRetries: 0 });
  const backOnline = await goOffline();
  const listing = client.sessions.list().then((page) => page.data);
  await settle();
  expect(tracker.requests).toHaveLength(0);
  // The page announces the network while it is still down: the request goes and fails.
  dispatchEvent(new Event('online'));
  await expect.poll(() => tracker.requests.length).toBe(1);
  await expect.poll(() => tracker.inFlight).toBe(0);
  await settle();
  expect(tracker.requests).toHaveLength(1);
  await backOnline();
  expect(await listing).toBeInstanceOf(Array);
  expect(tracker.requests).toHaveLength(2);
  expect(await received('GET', '/v1/sessions')).toBeGreaterThanOrEqual(1);
});

test('offline at the moment of the retry backoff: the retry waits for the network and goes once', async () => {
  let answered = 0;
  const fetch: FetchLike = async (input, init) => {
    answered += 1;
    // The first answer is a 503, so the call backs off and retries.
    if (answered === 1) return new Response(null, { status: 503 });
    return globalThis.fetch(input, init);
  };
  let backOnline: (() => Promise<void>) | undefined;
  const client = new AgentSessions({
    apiKey: 'test-key',
    dangerouslyAllowBrowser: true,
    baseUrl: server.url,
    fetch,
    maxRetries: 1,
    platform: {
      // The network drops during the backoff.
      sleep: async () => {
        backOnline = await goOffline();
      },
    },
  });
  const listing = client.sessions.list().then((page) => page.data);
  await expect.poll(() => backOnline).toBeDefined();
  await settle();
  expect(answered).toBe(1);
  await backOnline?.();
  expect(await listing).toBeInstanceOf(Array);
  expect(answered).toBe(2);
});

test('a listener on the browser piece that throws does not stop the held call; the page hears of the error', async () => {
  const boom = new Error('listener failed');
  const reported: unknown[] = [];
  const onError = (event: ErrorEvent) => {
    reported.push(event.error);
    event.preventDefault();
  };
  addEventListener('error', onError);
  const unsubscribe = browserOnline.subscribe(() => {
    throw boom;
  });
  try {
    const { client, tracker } = trackedClient(server);
    const backOnline = await goOffline();
    const listing = client.sessions.list().then((page) => page.data);
    await settle();
    expect(tracker.requests).toHaveLength(0);
    await backOnline();
    expect(await listing).toBeInstanceOf(Array);
    expect(tracker.requests).toHaveLength(1);
    expect(reported).toEqual([boom, boom]);
  } finally {
    unsubscribe();
    removeEventListener('error', onError);
  }
});

test('many calls held offline, half aborted, the rest answered: no listener is left on the piece', async () => {
  const online = countingOnline(browserOnline);
  const { client, tracker } = trackedClient(server, { platform: { online: online.online } });
  const backOnline = await goOffline();
  const controllers = Array.from({ length: 20 }, () => new AbortController());
  const calls = controllers.map((controller) =>
    client.sessions.list({ signal: controller.signal }).catch((e: unknown) => e),
  );
  await expect.poll(() => online.listening).toBe(20);
  for (const controller of controllers.slice(0, 10)) controller.abort();
  await expect.poll(() => online.listening).toBe(10);
  await backOnline();
  const outcomes = await Promise.all(calls);
  expect(outcomes.slice(0, 10).every((e) => AbortError.is(e))).toBe(true);
  expect(outcomes.slice(10).every((r) => Array.isArray((r as { data?: unknown }).data))).toBe(true);
  expect(tracker.requests).toHaveLength(10);
  expect(online.listening).toBe(0);
});

test("the store's status poll runs on the client's platform timers and asks again as soon as the network is back", async () => {
  const timers = manualTimers();
  const { client, tracker } = trackedClient(server, { platform: timers.timers });
  const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
  const store = createSessionStore(session, { mode: 'status', pollIntervalMs: 600_000 });
  const statusCalls = () =>
    tracker.requests.filter((r) => new URL(r.url).pathname === `/v1/sessions/${session.id}`).length;
  const unsubscribe = store.subscribe(() => {});
  await expect.poll(statusCalls).toBe(1);
  // The pause between polls is the platform's timer: the store polls again when it fires.
  await expect.poll(() => timers.durations.includes(600_000)).toBe(true);
  timers.fireAll();
  await expect.poll(statusCalls).toBe(2);
  // Back from an outage, it does not wait out the interval to show a fresh status.
  await (await goOffline())();
  await expect.poll(statusCalls).toBe(3);
  unsubscribe();
  // Stopped: the pause's timer is cleared and nothing more is asked.
  await settle();
  expect(timers.pending).toBe(0);
  expect(statusCalls()).toBe(3);
});
