// The platform's `online` piece, injected: what the retry loop and the long-poll do while it
// says offline, and what they leave behind, with no server (sdk-web's tests cover the browser's
// piece in Chromium against the mock server).
import { describe, expect, test } from 'vitest';
import {
  AbortError,
  AgentSessions,
  createClient,
  type FetchLike,
  getSessionStatus,
  type Platform,
  watchSession,
} from '../../src/index.js';
import { resolvePlatform } from '../../src/internal.js';
import {
  flush,
  manualTimers,
  recordingSleep,
  stalledFetch,
  switchableOnline,
} from '../behaviour/tools.js';
import { json, problem, session } from './fake-fetch.js';

const baseUrl = 'http://api.test';

/**
 * A fetch that answers each request with the next of `answers` (the last repeats); `'stall'`
 * never answers (the request hangs until aborted). Records every request and how many are
 * in flight at most.
 */
function networkOf(...answers: (Response | (() => Response) | 'stall')[]) {
  const sent: Request[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    sent.push(request);
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      if (answer === 'stall') return await stalledFetch(request);
      return typeof answer === 'function' ? answer() : (answer?.clone() ?? json(500, {}));
    } finally {
      inFlight -= 1;
    }
  };
  return {
    fetch,
    sent,
    get mostInFlight() {
      return mostInFlight;
    },
  };
}

/** A client over `network` whose timers fire only by hand and whose retries wait 0 ms. */
function clientOver(
  network: { fetch: FetchLike },
  online: Platform['online'],
  options: { maxRetries?: number; sleep?: Platform['sleep'] } = {},
) {
  const timers = manualTimers();
  const sleep = recordingSleep();
  const client = createClient({
    apiKey: 'k',
    baseUrl,
    fetch: network.fetch,
    maxRetries: options.maxRetries,
    platform: { ...timers.timers, sleep: options.sleep ?? sleep.sleep, random: () => 0, online },
  });
  return { client, timers, sleeps: sleep.delays };
}

/** Settles the event loop a few times over (a retry goes through several awaits). */
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}

describe('the online platform piece', () => {
  test('the default is always online, and hears of no change (Node, Deno, Bun are unchanged)', () => {
    const { online } = resolvePlatform();
    expect(online.isOnline()).toBe(true);
    let heard = 0;
    const unsubscribe = online.subscribe(() => {
      heard += 1;
    });
    unsubscribe();
    unsubscribe();
    expect(heard).toBe(0);
  });

  test('a call made offline sends nothing and arms no timeout; it goes out exactly once when online comes back', async () => {
    const net = switchableOnline(false);
    const network = networkOf(json(200, session()));
    const { client, timers, sleeps } = clientOver(network, net.online);
    const pending = getSessionStatus(client, 'ses_unit1');
    await settle();
    expect(network.sent).toHaveLength(0);
    // However long the outage, nothing comes due: no timeout runs, no retry is spent.
    expect(timers.pending).toBe(0);
    timers.fireAll();
    expect(net.listening).toBe(1);
    net.set(true);
    expect(await pending).toMatchObject({ id: 'ses_unit1' });
    expect(network.sent).toHaveLength(1);
    expect(network.sent[0]?.headers.get('x-retry-count')).toBe('0');
    expect(sleeps).toEqual([]);
    expect(net.listening).toBe(0);
  });

  test('an online report repeated while offline is not a way back: only a report of online sends the call', async () => {
    const net = switchableOnline(false);
    const network = networkOf(json(200, session()));
    const { client } = clientOver(network, net.online);
    const pending = getSessionStatus(client, 'ses_unit1');
    await settle();
    net.set(false);
    net.set(false);
    await settle();
    expect(network.sent).toHaveLength(0);
    net.set(true);
    await pending;
    expect(network.sent).toHaveLength(1);
  });

  test('going offline cuts the attempt in flight; it is sent again once online, same Idempotency-Key, spending no retry', async () => {
    const net = switchableOnline(true);
    const network = networkOf('stall', json(200, session()));
    const timers = manualTimers();
    const client = new AgentSessions({
      apiKey: 'k',
      baseUrl,
      fetch: network.fetch,
      maxRetries: 0,
      platform: { ...timers.timers, online: net.online },
    });
    const pending = client.sessions.pause('ses_unit1');
    await settle();
    expect(network.sent).toHaveLength(1);
    net.set(false);
    await settle();
    // Dropped at once (not left to its timeout), and nothing goes out while offline.
    expect(network.sent).toHaveLength(1);
    expect(timers.pending).toBe(0);
    net.set(true);
    expect(await pending).toMatchObject({ id: 'ses_unit1' });
    const keys = network.sent.map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    expect(network.sent.map((r) => r.headers.get('x-retry-count'))).toEqual(['0', '1']);
    expect(net.listening).toBe(0);
  });

  test('offline at the moment of the retry backoff: the retry waits for online, then goes once', async () => {
    const net = switchableOnline(true);
    const network = networkOf(json(503, problem(503, 'unavailable')), json(200, session()));
    const delays: number[] = [];
    const { client } = clientOver(network, net.online, {
      maxRetries: 1,
      // The network drops while the backoff runs.
      sleep: async (ms) => {
        delays.push(ms);
        net.set(false);
      },
    });
    const pending = getSessionStatus(client, 'ses_unit1');
    await settle();
    expect(delays).toHaveLength(1);
    expect(network.sent).toHaveLength(1);
    net.set(true);
    expect(await pending).toMatchObject({ id: 'ses_unit1' });
    expect(network.sent).toHaveLength(2);
    // One backoff, for the 503: coming back online does not wait again.
    expect(delays).toHaveLength(1);
  });

  test('an abort while waiting offline rejects at once with the AbortError and its reason, leaving no listener', async () => {
    const net = switchableOnline(false);
    const network = networkOf(json(200, session()));
    const { client } = clientOver(network, net.online);
    const controller = new AbortController();
    const pending = getSessionStatus(client, 'ses_unit1', { signal: controller.signal });
    const outcome = pending.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await settle();
    controller.abort(new Error('user left'));
    // Settled before any timer or I/O callback runs: it does not wait for the network.
    const first = await Promise.race([outcome, flush().then(() => 'still waiting')]);
    expect(AbortError.is(first)).toBe(true);
    expect((first as AbortError).message).toBe('Request aborted: GET /v1/sessions/ses_unit1');
    expect((first as AbortError).cause).toEqual(new Error('user left'));
    expect(net.listening).toBe(0);
    net.set(true);
    await settle();
    expect(network.sent).toHaveLength(0);
  });

  test('a call already aborted when made offline rejects with the AbortError and never subscribes', async () => {
    const net = switchableOnline(false);
    const network = networkOf(json(200, session()));
    const { client } = clientOver(network, net.online);
    const error = await getSessionStatus(client, 'ses_unit1', {
      signal: AbortSignal.abort(new Error('gone')),
    }).catch((e: unknown) => e);
    expect(AbortError.is(error)).toBe(true);
    expect(net.listening).toBe(0);
    expect(network.sent).toHaveLength(0);
  });

  test('a flapping network sends a held call once per return, never two at once, and the call ends with one answer, no retry spent', async () => {
    const net = switchableOnline(false);
    const network = networkOf('stall', 'stall', json(200, session()));
    const { client } = clientOver(network, net.online, { maxRetries: 0 });
    const pending = getSessionStatus(client, 'ses_unit1');
    // Flaps while held: it goes out once, when the network has settled back.
    net.set(true);
    net.set(false);
    net.set(true);
    await settle();
    expect(network.sent).toHaveLength(1);
    // Cut, and back before the loop has even looked: still not a spent retry.
    net.set(false);
    net.set(true);
    await settle();
    expect(network.sent).toHaveLength(2);
    net.set(false);
    await settle();
    expect(network.sent).toHaveLength(2);
    net.set(true);
    expect(await pending).toMatchObject({ id: 'ses_unit1' });
    expect(network.sent).toHaveLength(3);
    expect(network.mostInFlight).toBe(1);
    expect(net.listening).toBe(0);
  });

  test('many calls held offline at once, then ended every way, leave no listener behind', async () => {
    const net = switchableOnline(false);
    const network = networkOf(json(200, session()));
    const { client } = clientOver(network, net.online);
    const controllers = Array.from({ length: 20 }, () => new AbortController());
    const calls = controllers.map((controller) =>
      getSessionStatus(client, 'ses_unit1', { signal: controller.signal }).catch((e: unknown) => e),
    );
    await settle();
    expect(net.listening).toBe(20);
    for (const controller of controllers.slice(0, 10)) controller.abort();
    await settle();
    expect(net.listening).toBe(10);
    net.set(true);
    const outcomes = await Promise.all(calls);
    expect(outcomes.slice(0, 10).every((e) => AbortError.is(e))).toBe(true);
    expect(outcomes.slice(10)).toEqual(
      Array(10).fill(expect.objectContaining({ id: 'ses_unit1' })),
    );
    expect(network.sent).toHaveLength(10);
    // Calls made online subscribe only while in flight.
    await Promise.all(Array.from({ length: 20 }, () => getSessionStatus(client, 'ses_unit1')));
    expect(net.listening).toBe(0);
  });

  test('a piece that reports its state from inside subscribe (NetInfo does) is read right', async () => {
    const net = switchableOnline(false);
    const piece: Platform['online'] = {
      isOnline: net.online.isOnline,
      subscribe: (listener) => {
        const unsubscribe = net.online.subscribe(listener);
        listener(net.online.isOnline());
        return unsubscribe;
      },
    };
    const network = networkOf(json(200, session()));
    const { client } = clientOver(network, piece);
    const held = getSessionStatus(client, 'ses_unit1');
    await settle();
    // Told "offline" on subscribing: still held.
    expect(network.sent).toHaveLength(0);
    net.set(true);
    await held;
    // Told "online" on subscribing, mid-attempt: not a change, the attempt goes on.
    await getSessionStatus(client, 'ses_unit1');
    expect(network.sent).toHaveLength(2);
    expect(net.listening).toBe(0);
  });

  test('a watch held offline polls from its cursor once online: every event exactly once, no poll while offline', async () => {
    const net = switchableOnline(true);
    // Event types this SDK does not know (servers may add them): any data passes.
    const event = (index: number) => ({
      index,
      type: 'x_note',
      created_at: '2026-01-01T00:00:00Z',
      turn: 1,
      agent: { id: 'main', parent_id: null },
      data: { index },
    });
    const changes = (events: unknown[], next: number, terminal: boolean) =>
      json(200, {
        events,
        next,
        state: terminal ? 'completed' : 'running',
        turn: 1,
        terminal,
        answer: terminal ? 'done' : null,
      });
    const network = networkOf(
      changes([event(0), event(1)], 2, false),
      'stall',
      changes([event(2), event(3)], 4, true),
    );
    const { client } = clientOver(network, net.online);
    const seen: number[] = [];
    const watching = (async () => {
      for await (const e of watchSession(client, 'ses_unit1', { wait_s: 0 })) {
        seen.push(e.index);
        // The network drops once the first poll's events are read.
        if (e.index === 1) net.set(false);
      }
    })();
    const failed = watching.catch((error: unknown) => error);
    await settle();
    expect(seen).toEqual([0, 1]);
    expect(network.sent).toHaveLength(1);
    net.set(true);
    await settle();
    // The second poll went out once online, from the cursor; cut by another drop, it is sent
    // again from the same cursor.
    expect(network.sent).toHaveLength(2);
    net.set(false);
    net.set(true);
    expect(await failed).toBeUndefined();
    expect(seen).toEqual([0, 1, 2, 3]);
    const froms = network.sent.map((r) => new URL(r.url).searchParams.get('from'));
    expect(froms).toEqual(['0', '2', '2']);
    expect(net.listening).toBe(0);
  });

  test('time a watch spends offline does not count as the server holding its poll: an empty answer at once is still paced', async () => {
    const net = switchableOnline(false);
    let now = 0;
    const empty = json(200, {
      events: [],
      next: 0,
      state: 'running',
      turn: 1,
      terminal: false,
      answer: null,
    });
    const network = networkOf(empty);
    const delays: number[] = [];
    const controller = new AbortController();
    const client = createClient({
      apiKey: 'k',
      baseUrl,
      fetch: network.fetch,
      platform: {
        now: () => now,
        online: net.online,
        // The second pacing wait ends the watch: one paced poll is what is asked.
        sleep: async (ms) => {
          delays.push(ms);
          if (delays.length === 2) controller.abort();
        },
      },
    });
    const watching = (async () => {
      for await (const _ of watchSession(client, 'ses_unit1', {
        wait_s: 30,
        signal: controller.signal,
      }));
    })().catch((error: unknown) => error);
    await settle();
    // A minute offline, then the server answers at once with nothing: not a held poll.
    now += 60_000;
    net.set(true);
    const outcome = await watching;
    expect(AbortError.is(outcome)).toBe(true);
    expect(delays).toEqual([250, 500]);
    expect(network.sent).toHaveLength(2);
  });

  test('the key provider is not asked while offline: a token fetch would fail there too', async () => {
    const net = switchableOnline(false);
    const network = networkOf(json(200, session()));
    let asked = 0;
    const client = createClient({
      baseUrl,
      fetch: network.fetch,
      apiKey: () => {
        asked += 1;
        return 'k';
      },
      platform: { online: net.online },
    });
    const pending = getSessionStatus(client, 'ses_unit1');
    await settle();
    expect(asked).toBe(0);
    net.set(true);
    await pending;
    expect(asked).toBe(1);
  });

  test.each([
    ['online', true],
    ['offline', false],
  ])(
    'a piece whose subscribe throws fails the call (%s) with its own error, leaving no timer',
    async (_, start) => {
      const broken = new Error('subscribe broke');
      const piece: Platform['online'] = {
        isOnline: () => start,
        subscribe: () => {
          throw broken;
        },
      };
      const network = networkOf(json(200, session()));
      const { client, timers } = clientOver(network, piece);
      const error = await getSessionStatus(client, 'ses_unit1').catch((e: unknown) => e);
      expect(error).toBe(broken);
      expect(timers.pending).toBe(0);
      expect(network.sent).toHaveLength(0);
    },
  );

  test('a piece that keeps calling listeners after they unsubscribed sends nothing more', async () => {
    // Never forgets a listener: every report reaches every listener ever subscribed.
    const listeners: ((online: boolean) => void)[] = [];
    let online = false;
    const piece: Platform['online'] = {
      isOnline: () => online,
      subscribe: (listener) => {
        listeners.push(listener);
        return () => {};
      },
    };
    const report = (next: boolean) => {
      online = next;
      for (const listener of listeners) listener(next);
    };
    const network = networkOf(json(200, session()));
    const { client } = clientOver(network, piece);
    const first = getSessionStatus(client, 'ses_unit1');
    await settle();
    report(true);
    await first;
    await getSessionStatus(client, 'ses_unit1');
    expect(listeners.length).toBeGreaterThanOrEqual(3);
    // Stale listeners of ended calls and attempts hear the network go and come back.
    report(false);
    report(true);
    report(false);
    report(true);
    await settle();
    expect(network.sent).toHaveLength(2);
  });
});
