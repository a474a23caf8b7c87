import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SessionEvent } from '../../src/index.js';
import type { BehaviourEnv } from './env.js';
import { storedSession } from './stored-session.js';
import { flush, recordingSleep, trackingFetch } from './tools.js';

/** Every fault the mock server can inject. */
const FAULT_KINDS = [
  'rate_limit',
  'server_error',
  'reset',
  'truncate',
  'malformed',
  'delay',
] as const;

/** `watch` under faults and chaos, stopping, and events this SDK does not know. */
export function defineWatchTests(env: BehaviourEnv) {
  const collect = async (events: AsyncIterable<SessionEvent>) => {
    const out: SessionEvent[] = [];
    for await (const event of events) out.push(event);
    return out;
  };

  describe('watch', () => {
    for (const kind of FAULT_KINDS) {
      test(`resumes from its cursor after ${kind}: every event once, in order`, async () => {
        const sleeper = recordingSleep();
        const client = env.createClient({ platform: { sleep: sleeper.sleep } });
        const session = await client.sessions.start({
          input: 'x',
          metadata: { scenario: 'long-watch' },
        });
        // Calls 2-3 and 6 fail: mid-stream, twice in a row, and again later.
        await env.control.faults.add({
          operation: 'getSessionChanges',
          sessionId: session.id,
          call: 2,
          times: 2,
          kind,
        });
        await env.control.faults.add({
          operation: 'getSessionChanges',
          sessionId: session.id,
          call: 6,
          kind,
        });
        const seen = await collect(session.watch({ wait_s: 10 }));
        await env.control.faults.clear();
        const { events: log, session: final } = await storedSession(env.control, session.id);
        expect(final.state).toBe('completed');
        expect(seen).toEqual(log);
        expect(sleeper.delays.length).toBe(kind === 'delay' ? 0 : 3);
      });
    }

    test('for any schedule of faults, it delivers exactly the log (property)', async () => {
      const kinds = FAULT_KINDS;
      const schedule = fc.uniqueArray(
        fc.record({ call: fc.integer({ min: 1, max: 8 }), kind: fc.constantFrom(...kinds) }),
        { maxLength: 5, selector: (fault) => fault.call },
      );
      await fc.assert(
        fc.asyncProperty(schedule, async (faults) => {
          // Up to five faults may strike in a row: one poll may need five retries.
          const client = env.createClient({
            maxRetries: 5,
            platform: { sleep: recordingSleep().sleep },
          });
          const session = await client.sessions.start({
            input: 'x',
            metadata: { scenario: 'delegation' },
          });
          for (const fault of faults) {
            await env.control.faults.add({
              operation: 'getSessionChanges',
              sessionId: session.id,
              ...fault,
            });
          }
          const seen = await collect(session.watch({ wait_s: 5 }));
          await env.control.faults.clear();
          expect(seen).toEqual((await storedSession(env.control, session.id)).events);
        }),
        {
          numRuns: 15,
          // Found by this property: four failed polls in a row (more than the default retries).
          examples: [[[4, 5, 6, 7].map((call) => ({ call, kind: 'rate_limit' as const }))]],
        },
      );
    });

    test('under seeded random chaos, the exact sequence of events of each session', async () => {
      const sleeper = recordingSleep();
      const tracker = trackingFetch();
      const client = env.createClient({
        baseUrl: env.chaos.baseUrl,
        maxRetries: 12,
        fetch: tracker.fetch,
        platform: { sleep: sleeper.sleep },
      });
      for (const scenario of ['long-watch', 'delegation', 'tool-calls']) {
        const session = await client.sessions.start({ input: scenario, metadata: { scenario } });
        const seen = await collect(session.watch({ wait_s: 5 }));
        const { events: log } = await storedSession(env.chaos.control, session.id);
        expect(log.at(-1)?.type).toBe('state_changed');
        expect(seen.map((event) => event.index)).toEqual(log.map((_, i) => i));
        expect(seen).toEqual(log);
      }
      // The chaos did strike: many attempts failed and were retried.
      expect(sleeper.delays.length).toBeGreaterThan(5);
      expect(tracker.inFlight).toBe(0);
    });

    test('break stops it with no request left running and none sent after', async () => {
      const tracker = trackingFetch();
      const client = env.createClient({ fetch: tracker.fetch });
      const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
      const seen = [];
      for await (const event of session.watch()) {
        seen.push(event);
        if (event.type === 'step_started') break;
      }
      const sent = tracker.requests.length;
      expect(tracker.inFlight).toBe(0);
      await flush();
      expect(tracker.requests.length).toBe(sent);
      expect(seen.at(-1)?.type).toBe('step_started');
      expect((await storedSession(env.control, session.id)).session.state).toBe('running');
    });

    test('its signal stops it with AbortError, leaving no request running', async () => {
      const controller = new AbortController();
      const tracker = trackingFetch();
      const client = env.createClient({ fetch: tracker.fetch });
      const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
      const seen: SessionEvent[] = [];
      const error = await (async () => {
        for await (const event of session.watch({ signal: controller.signal })) {
          seen.push(event);
          if (event.type === 'step_started') controller.abort();
        }
      })().catch((e: unknown) => e);
      expect(env.sdk.AbortError.is(error)).toBe(true);
      expect(tracker.inFlight).toBe(0);
      expect(seen.at(-1)?.type).not.toBe('answer');
    });

    test('unknown event types arrive as (unknown) events with their type and raw data; isEventType narrows', async () => {
      const { isEventType, UNKNOWN_EVENT_TYPE } = env.sdk;
      const client = env.createClient();
      const session = await client.sessions.start({
        input: 'x',
        metadata: { scenario: 'unknown-events' },
      });
      const seen = await collect(session.watch());
      const plan = seen.find((event) => event.type === UNKNOWN_EVENT_TYPE);
      expect(plan).toMatchObject({ type: '(unknown)', original_type: 'plan_updated' });
      expect(plan?.data).toEqual({ plan: ['read', 'write'] });
      expect(plan && isEventType(plan, 'thought', 'answer')).toBe(false);
      const thought = seen.find((event) => isEventType(event, 'thought'));
      expect(thought?.data).toEqual({ content: 'hm', confidence: 0.9 });
      const answer = seen.find((event) => isEventType(event, 'answer'));
      expect(answer && isEventType(answer, 'answer') && answer.data.forced).toBe(false);
      expect(await session.answer()).toBe('done');
      const history = [];
      for await (const event of session.events()) history.push(event);
      expect(history).toEqual(seen);
    });

    test('a run aborted by its signal cancels the session it started', async () => {
      const controller = new AbortController();
      let id = '';
      const client = env.createClient({
        fetch: async (input, init) => {
          const request = new Request(input, init);
          // Abort as soon as the run starts waiting for the answer.
          if (request.url.includes('/changes')) controller.abort('user gave up');
          const response = await globalThis.fetch(request);
          if (response.status === 201) id = (await response.clone().json()).id;
          return response;
        },
      });
      const error = await client.sessions
        .run({ input: 'x', metadata: { scenario: 'slow' }, signal: controller.signal })
        .catch((e: unknown) => e);
      expect(env.sdk.AbortError.is(error)).toBe(true);
      expect((await storedSession(env.control, id)).session.state).toBe('interrupted');
    });

    test('watching a paused session on the virtual clock paces its empty polls instead of looping', async () => {
      const tracker = trackingFetch();
      const delays: number[] = [];
      let resumed: Promise<unknown> | undefined;
      const client = env.createClient({
        fetch: tracker.fetch,
        platform: {
          // Records the pacing; the third wait resumes the session, and the watch carries on.
          sleep: async (ms) => {
            delays.push(ms);
            if (delays.length === 3) resumed = session.resume();
            await resumed;
          },
        },
      });
      const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
      await session.pause();
      const seen = await collect(session.watch({ wait_s: 30 }));
      const { events: log } = await storedSession(env.control, session.id);
      expect(seen).toEqual(log);
      expect(delays.slice(0, 3)).toEqual([250, 500, 1000]);
      // Each empty poll before the resume was followed by a wait: no loop of polls.
      const polls = tracker.requests.filter((r) => r.url.includes('/changes')).length;
      expect(polls).toBeLessThanOrEqual(delays.length + 1 + log.length);
    });
  });
}
