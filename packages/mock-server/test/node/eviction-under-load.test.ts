// Under load the mock must not forget sessions its clients are still reading: 2,000 watches at
// once against `--speed 20` lost 254 sessions mid-read when finished ones were evicted
// oldest-first. A bounded version over real HTTP: the limit far below the sessions in flight.
import type { WireEvent } from '@agent-sessions/protocol';
import { describe, expect, test } from 'vitest';
import { api, startServer } from '../support/server.js';

describe('eviction under load', () => {
  test('sessions still being watched and paged are never evicted, and every event arrives once', {
    timeout: 30_000,
  }, async () => {
    const server = await startServer({
      clock: { mode: 'real', speed: 1_000 },
      retention: { finishedSessions: 3 },
    });
    const client = api(server);
    const WORKERS = 30;
    const created: Promise<string>[] = [];
    const statuses: number[] = [];
    const work = async (i: number): Promise<WireEvent[]> => {
      // Staggered: each start waits for the one before, so starts (which evict) interleave
      // with the reads of sessions that already finished.
      if (i > 0) await created[i - 1];
      const start = client.create({ input: `worker ${i}` });
      created[i] = start.then((reply) => reply.body.id);
      const { body } = await start;
      await client.drain(body.id);
      // Then page the history, one event at a time, as a slow reader would.
      const events: WireEvent[] = [];
      for (let from = 0; ; ) {
        const page = await client.events(body.id, `?from=${from}&limit=1`);
        statuses.push(page.status);
        if (page.status !== 200) return events;
        events.push(...page.body.data);
        from = page.body.next;
        if (!page.body.has_more) return events;
      }
    };
    const results = await Promise.all(Array.from({ length: WORKERS }, (_, i) => work(i)));
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    for (const events of results) {
      expect(events.map((event) => event.index)).toEqual([...events.keys()]);
      expect(events.at(-1)?.type).toBe('state_changed');
    }
    expect(server.stats().sessions).toBeGreaterThan(3);
  });
});
