import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type HostTime, RealClock, VIRTUAL_EPOCH_MS, VirtualClock } from '../src/engine/clock.js';
import { api, startServer } from './support/server.js';

describe('VirtualClock', () => {
  test('starts at 2026-01-01T00:00:00Z and runs due timers in time order, ties first-come', () => {
    const clock = new VirtualClock();
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const fired: string[] = [];
    clock.schedule(VIRTUAL_EPOCH_MS + 20, () => fired.push(`b@${clock.now() - VIRTUAL_EPOCH_MS}`));
    clock.schedule(VIRTUAL_EPOCH_MS + 10, () => {
      fired.push(`a@${clock.now() - VIRTUAL_EPOCH_MS}`);
      clock.schedule(clock.now() + 5, () => fired.push(`nested@${clock.now() - VIRTUAL_EPOCH_MS}`));
    });
    clock.schedule(VIRTUAL_EPOCH_MS + 20, () => fired.push('c'));
    const cancel = clock.schedule(VIRTUAL_EPOCH_MS + 12, () => fired.push('cancelled'));
    cancel();
    expect(clock.nextDue()).toBe(VIRTUAL_EPOCH_MS + 10);
    expect(clock.advance(19)).toBe(VIRTUAL_EPOCH_MS + 19);
    expect(fired).toEqual(['a@10', 'nested@15']);
    clock.advance(1);
    expect(fired).toEqual(['a@10', 'nested@15', 'b@20', 'c']);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  test('thousands of timers scheduled and cancelled in any order fire exactly as a sorted list would', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('schedule' as const), at: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const clock = new VirtualClock(0);
        const fired: number[] = [];
        const model: { id: number; at: number; live: boolean }[] = [];
        const cancels: (() => void)[] = [];
        const expected: number[] = [];
        let now = 0;
        for (const step of ops) {
          if (step.kind === 'schedule') {
            const id = cancels.length;
            const at = Math.max(now, now + step.at);
            cancels.push(clock.schedule(at, () => fired.push(id)));
            model.push({ id, at, live: true });
          } else if (step.kind === 'cancel' && cancels.length > 0) {
            const id = step.pick % cancels.length;
            cancels[id]!();
            model[id]!.live = false;
          } else if (step.kind === 'advance') {
            now += step.ms;
            clock.advance(step.ms);
            const due = model
              .filter((timer) => timer.live && timer.at <= now)
              .sort((a, b) => a.at - b.at || a.id - b.id);
            for (const timer of due) {
              timer.live = false;
              expected.push(timer.id);
            }
          }
        }
        expect(fired).toEqual(expected);
        const next = model.filter((timer) => timer.live).sort((a, b) => a.at - b.at)[0];
        expect(clock.nextDue()).toBe(next?.at);
      }),
      { numRuns: 200 },
    );
  });
});

describe('RealClock', () => {
  // Injected timers: the test moves real time itself, so nothing sleeps.
  function fakeTimers() {
    let mono = 0;
    const pending = new Map<number, { at: number; fn: () => void }>();
    let next = 0;
    const timers: HostTime = {
      setTimeout: (fn, ms) => {
        pending.set(++next, { at: mono + ms, fn });
        return next;
      },
      clearTimeout: (handle) => pending.delete(handle as number),
      monotonic: () => mono,
      wall: () => 1_000_000,
    };
    const elapse = (ms: number) => {
      mono += ms;
      for (const [id, timer] of [...pending]) {
        if (timer.at <= mono) {
          pending.delete(id);
          timer.fn();
        }
      }
    };
    return { timers, elapse, pending };
  }

  test('runs speed times faster than real time', () => {
    const { timers, elapse } = fakeTimers();
    const clock = new RealClock(10, timers);
    expect(clock.now()).toBe(1_000_000);
    const fired: number[] = [];
    clock.schedule(1_000_000 + 5_000, () => fired.push(clock.now()));
    elapse(499);
    expect(fired).toEqual([]);
    elapse(1);
    expect(fired).toEqual([1_005_000]);
  });

  test('advance jumps ahead; stop clears every timer', () => {
    const { timers, elapse, pending } = fakeTimers();
    const clock = new RealClock(1, timers);
    const fired: string[] = [];
    clock.schedule(1_000_000 + 1_000, () => fired.push('soon'));
    clock.schedule(1_000_000 + 60_000, () => fired.push('later'));
    clock.advance(2_000);
    elapse(0);
    expect(fired).toEqual(['soon']);
    clock.stop();
    expect(pending.size).toBe(0);
    expect(() => new RealClock(0, timers)).toThrow(RangeError);
  });
});

describe('real-time mode over HTTP', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('plays at the speed factor, and fake timers in the test cannot freeze it', async () => {
    const server = await startServer({ clock: { mode: 'real', speed: 50 } });
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'setInterval', 'Date', 'performance'],
    });
    const client = api(server);
    const { body } = await client.create({ input: 'Capital of France?' });
    const started = performance.now();
    const events = await client.drain(body.id);
    expect(events.at(-1)!.data).toMatchObject({ to: 'completed' });
    // 3 s of fixture at x50: 60 ms real, on the server's own clock.
    const span = Date.parse(events.at(-1)!.created_at) - Date.parse(events[0]!.created_at);
    expect(span).toBeGreaterThanOrEqual(3_000);
    expect(performance.now() - started).toBe(0); // the test's own (fake) clock never moved
  });
});
