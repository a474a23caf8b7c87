// How the long-poll scales: 1,000 sessions, each with a parked `changes` request, all woken by
// one event each. Prints the time for all to wake, the wake latency (event append -> response
// received) and the server's memory per parked poll. A script, not a test: it prints figures.
import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const SESSIONS = 1_000;
const auth = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };
const wall = () => performance.timeOrigin + performance.now();

const child: ChildProcess = fork(new URL('./server.ts', import.meta.url).pathname, [], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
});
function ask<T>(message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as T));
    child.send(message);
  });
}
const { url } = await new Promise<{ url: string }>((resolve) =>
  child.once('message', (reply) => resolve(reply as { url: string })),
);
// fetch's default pool opens a connection per concurrent request: one per parked poll.
const call = (path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: auth });

const ids: string[] = [];
for (let batch = 0; batch < SESSIONS; batch += 50) {
  const created = await Promise.all(
    Array.from({ length: Math.min(50, SESSIONS - batch) }, () =>
      call('/v1/sessions', {
        method: 'POST',
        body: JSON.stringify({ input: 'bench', metadata: { scenario: 'slow' } }),
      }).then((response) => response.json() as Promise<{ id: string }>),
    ),
  );
  ids.push(...created.map((session) => session.id));
}
// Every session takes its first step (events 0-3); the next event is a thought 10 s later.
await ask({ advance: 1_000 });
const before = (await ask<{ memory: { heap: number; rss: number } }>({ memory: true })).memory;

const arrived = new Map<string, number>();
const polls = ids.map((id) =>
  call(`/v1/sessions/${id}/changes?from=4&wait_s=60`).then(async (response) => {
    const body = (await response.json()) as { events: unknown[] };
    arrived.set(id, wall());
    if (body.events.length !== 1)
      throw new Error(`${id}: expected 1 event, got ${body.events.length}`);
  }),
);
for (;;) {
  const { stats } = await ask<{ stats: { parked: number } }>({ stats: true });
  if (stats.parked === SESSIONS) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const after = (await ask<{ memory: { heap: number; rss: number } }>({ memory: true })).memory;

const { appended } = await ask<{ appended: Record<string, number> }>({ advance: 10_000 });
await Promise.all(polls);

const latencies = ids.map((id) => arrived.get(id)! - appended[id]!).sort((a, b) => a - b);
const firstAppend = Math.min(...Object.values(appended));
const lastArrival = Math.max(...arrived.values());
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

console.log(
  `long-poll wake-up, ${SESSIONS} sessions with one parked poll each (Node ${process.version})`,
);
console.log(`  all woken by one event each in: ${(lastArrival - firstAppend).toFixed(1)} ms`);
console.log(
  `  wake latency (append -> response received): median ${percentile(0.5).toFixed(2)} ms, p99 ${percentile(0.99).toFixed(2)} ms`,
);
console.log(
  `  server memory per parked poll: ${kb((after.heap - before.heap) / SESSIONS)} JS heap+external, ${kb((after.rss - before.rss) / SESSIONS)} RSS`,
);

child.disconnect();
