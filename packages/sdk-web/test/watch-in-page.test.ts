import { expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import {
  countingOnline,
  flush,
  manualTimers,
  recordingSleep,
} from '../../sdk-core/test/behaviour/tools.ts';
import { browserOnline } from '../src/browser-online.ts';
import { AbortError, type Platform, type SessionEvent } from '../src/index.ts';
import { mockServerForFile, storedSession } from './mock-servers.ts';
import { goOffline } from './page-network.ts';
import { trackedClient } from './tracked-client.ts';

// The mock's clock moves only when a test advances it, so a long-poll stays parked until then.
const server = mockServerForFile({ autoAdvance: false });
const DAY_MS = 24 * 60 * 60 * 1000;

/** Collects a watch's events; `onEvent` may act in the middle of it. */
async function collect(events: AsyncIterable<SessionEvent>, onEvent?: (count: number) => unknown) {
  const seen: SessionEvent[] = [];
  for await (const event of events) {
    seen.push(event);
    await onEvent?.(seen.length);
  }
  return seen;
}

const parkedPolls = async () => (await server.control.stats()).parked;

/**
 * Watches a `slow` session with one retry allowed (a second failure would end the watch), takes
 * the page offline while a poll is parked, runs `whileOffline`, brings the network back and lets
 * the session finish. The watch must see exactly the server's log; the dropped poll must be the
 * only failure, and nothing may be sent while offline.
 */
async function watchThroughOutage(platform: Partial<Platform>, whileOffline: () => unknown) {
  const { client, tracker, failures } = trackedClient(server, { maxRetries: 1, platform });
  const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
  const watching = collect(session.watch({ wait_s: 60 }));
  await expect.poll(parkedPolls).toBe(1);
  const sentBefore = tracker.requests.length;

  const backOnline = await goOffline();
  await expect.poll(() => failures.length).toBe(1);
  await whileOffline();
  await flush();
  expect(tracker.requests.length).toBe(sentBefore);
  expect(tracker.inFlight).toBe(0);

  await backOnline();
  await expect.poll(parkedPolls).toBe(1);
  await server.control.clock.advance(DAY_MS);
  const seen = await watching;
  const { events, session: final } = await storedSession(server, session.id);
  expect(final.state).toBe('completed');
  expect(seen).toEqual(events);
  expect(failures).toHaveLength(1);
}

test('offline: the parked poll is dropped at once, the retry waits for online, then the watch resumes from its cursor', async () => {
  await watchThroughOutage({}, () => {});
});

test('an outage longer than the call timeout does not end a watch: time offline does not count', async () => {
  // Timers fire only when the test says so; retries go at once.
  const timers = manualTimers();
  const online = countingOnline(browserOnline);
  await watchThroughOutage(
    { ...timers.timers, sleep: recordingSleep().sleep, online: online.online },
    async () => {
      // The retry is held back, waiting for the network, with no timeout running: whatever
      // time passes now (every timer fired), nothing comes due.
      await expect.poll(() => online.listening).toBe(1);
      expect(timers.pending).toBe(0);
      timers.fireAll();
    },
  );
});

test('a page frozen while hidden (as Chrome does to background tabs) catches up with every event when it thaws', async () => {
  const { client } = trackedClient(server);
  const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'long-run' } });
  await expect.poll(() => storedSession(server, session.id).then((s) => s.events.length)).toBe(2);
  const seen = await collect(session.watch({ wait_s: 60 }), async (count) => {
    // The session plays to its end on the server while no script runs in the page.
    if (count === 2) await commands.freezePageWhileAdvancing(server.url, DAY_MS);
  });
  const { events, session: final } = await storedSession(server, session.id);
  expect(final.state).toBe('completed');
  expect(events.length).toBeGreaterThan(20);
  expect(seen).toEqual(events);
});

test('aborting a watch cancels its parked request at once, in the page and on the server', async () => {
  const { client, tracker } = trackedClient(server);
  const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
  const controller = new AbortController();
  const watching = collect(session.watch({ wait_s: 60, signal: controller.signal }));
  await expect.poll(parkedPolls).toBe(1);
  expect(tracker.inFlight).toBe(1);

  controller.abort();
  const error = await watching.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(AbortError.is(error)).toBe(true);
  expect(tracker.inFlight).toBe(0);
  await expect.poll(parkedPolls).toBe(0);
  await server.control.clock.advance(DAY_MS);
});
