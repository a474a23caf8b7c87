// The server side of bench/run.ts, in its own process so that its CPU and memory are its own:
// two mock servers (one driven by hand, one that auto-advances its clock) and the bare node:http
// floor. Driven over IPC; every message is answered with one reply.
import { performance } from 'node:perf_hooks';
import { createMockServer } from '../src/index.js';
import { startFloorServer } from './floor-server.js';

const wall = () => performance.timeOrigin + performance.now();
const auth = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };

// Events appended, per session: the wall time of each, by index in the session's log (one map
// per server: both number their sessions from 1).
const recorder = (into: Map<string, number[]>) => (sessionId: string) => {
  const times = into.get(sessionId) ?? [];
  times.push(wall());
  into.set(sessionId, times);
};
const appended = new Map<string, number[]>();
const appendedAutomatic = new Map<string, number[]>();

// Nothing moves until told: the 1,000 parked polls and the GET status throughput.
const manual = await createMockServer({ autoAdvance: false, onEvent: recorder(appended) });
// Jumps to the next event whenever every client waits: one parked poll after another.
const automatic = await createMockServer({ onEvent: recorder(appendedAutomatic) });

const created = await manual.fetch('/v1/sessions', {
  method: 'POST',
  headers: auth,
  body: JSON.stringify({ input: 'bench', metadata: { scenario: 'slow' } }),
});
const statusId = ((await created.json()) as { id: string }).id;
const statusBody = await (
  await manual.fetch(`/v1/sessions/${statusId}`, { headers: { Authorization: auth.Authorization } })
).text();
const floor = await startFloorServer(() => statusBody);

function memory() {
  globalThis.gc?.();
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  return { heap: heapUsed + external + arrayBuffers, rss };
}

type Message =
  | { advanceUntilEvent: true }
  | { advance: number }
  | { memory: true }
  | { stats: true }
  | { floorParked: true }
  | { wakeFloor: string }
  | { appended: true };

process.on('message', (message: Message) => {
  if ('advanceUntilEvent' in message) {
    // The sessions move in step: one second at a time until the next event is appended.
    const before = new Map([...appended].map(([id, times]) => [id, times.length]));
    const total = () => [...appended.values()].reduce((sum, times) => sum + times.length, 0);
    const start = total();
    let took = 0;
    while (total() === start) {
      const started = wall();
      manual.clock.advance(1_000);
      took = wall() - started;
    }
    const first: Record<string, number> = {};
    for (const [id, times] of appended) {
      const index = before.get(id) ?? 0;
      if (times.length > index) first[id] = times[index]!;
    }
    process.send!({ appended: first, took });
  } else if ('advance' in message) {
    const before = new Map([...appended].map(([id, times]) => [id, times.length]));
    const started = wall();
    manual.clock.advance(message.advance);
    const took = wall() - started;
    // The first event each session appended during this advance.
    const first: Record<string, number> = {};
    for (const [id, times] of appended) {
      const index = before.get(id) ?? 0;
      if (times.length > index) first[id] = times[index]!;
    }
    process.send!({ appended: first, took });
  } else if ('memory' in message) {
    process.send!({ memory: memory() });
  } else if ('stats' in message) {
    process.send!({ stats: manual.stats() });
  } else if ('floorParked' in message) {
    process.send!({ parked: floor.parked() });
  } else if ('wakeFloor' in message) {
    const at = wall();
    floor.wake(message.wakeFloor);
    process.send!({ at });
  } else if ('appended' in message) {
    process.send!({ appended: Object.fromEntries(appendedAutomatic) });
  }
});
process.on('disconnect', () => {
  Promise.all([manual.close(), automatic.close(), floor.close()]).then(() => process.exit(0));
});
process.send!({
  manual: manual.url,
  automatic: automatic.url,
  floor: floor.url,
  statusPath: `/v1/sessions/${statusId}`,
});
