import { describe, expect, test } from 'vitest';
import { startEngine } from './support/engine.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('long-poll parking', () => {
  test('waking 200 parked polls resumes them in small batches, one per deferred turn', async () => {
    const deferred: (() => void)[] = [];
    const { engine, call, create } = startEngine({
      autoAdvance: false,
      defer: (fn) => deferred.push(fn),
    });
    const { body } = await create();
    let answered = 0;
    const polls = Array.from({ length: 200 }, () =>
      call('GET', `/v1/sessions/${body.id}/changes?from=2&wait_s=60`).then((reply) => {
        answered += 1;
        return reply;
      }),
    );
    while (engine.stats().parked < 200) await tick();
    engine.clock.advance(engine.clock.nextDue()! - engine.clock.now());
    await tick();
    // The first batch is answered before the rest are even resumed.
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(200);
    expect(engine.stats().parked).toBe(0);
    let turns = 0;
    while (deferred.length > 0) {
      deferred.shift()!();
      turns += 1;
      await tick();
    }
    expect(turns).toBeGreaterThan(1);
    const replies = await Promise.all(polls);
    expect(answered).toBe(200);
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.body.events[0]).toMatchObject({ index: 2 });
    }
  });

  test('close answers every parked poll', async () => {
    const { engine, call, create } = startEngine({ autoAdvance: false });
    const { body } = await create();
    const polls = Array.from({ length: 50 }, () =>
      call('GET', `/v1/sessions/${body.id}/changes?from=2&wait_s=60`),
    );
    while (engine.stats().parked < 50) await tick();
    engine.close();
    const replies = await Promise.all(polls);
    expect(replies.every((reply) => reply.status === 200 && reply.body.events.length === 0)).toBe(
      true,
    );
  });

  test('a delay fault that starts after close answers at once instead of waiting forever', async () => {
    const { engine, call, create } = startEngine({ autoAdvance: false });
    const { body } = await create();
    engine.faults.add({ operation: 'sendSessionMessage', kind: 'delay', delayMs: 60_000 });
    let resolveText: (text: string) => void = () => {};
    // Matched and authorized now; its body (and so its delay) comes after close.
    const pending = engine.serve({
      method: 'POST',
      url: `/v1/sessions/${body.id}/messages`,
      headers: new Headers({ Authorization: 'Bearer test-key' }),
      signal: new AbortController().signal,
      text: () => new Promise((resolve) => (resolveText = resolve)),
    });
    await tick();
    engine.close();
    resolveText('{"content":"late"}');
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers['X-Mock-Fault']).toBe('delay');
    expect((await call('GET', `/v1/sessions/${body.id}`)).status).toBe(503);
  });
});
