// The mock server's speed, against a bare node:http server returning the same JSON (the
// floor), in one run: GET status throughput, 1,000 parked long-polls woken at once, and the
// wake latency of one parked poll. A script, not a test: it prints figures and their targets.
//   pnpm --filter @agent-sessions/mock-server bench
import { type ChildProcess, fork } from 'node:child_process';
import { Connection, type RawResponse, wall } from './raw-client.js';

const PARKED = 1_000;
const THROUGHPUT_CONNECTIONS = 16;
const THROUGHPUT_MS = 2_000;
const SINGLE_SESSIONS = 12;
const AUTH = 'Authorization: Bearer test-key\r\n';

const child: ChildProcess = fork(new URL('./server.ts', import.meta.url).pathname, [], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
});
function ask<T>(message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as T));
    child.send(message);
  });
}
const urls = await new Promise<{
  manual: string;
  automatic: string;
  floor: string;
  statusPath: string;
}>((resolve) => child.once('message', (reply) => resolve(reply as never)));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const sleep = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

// --- GET status throughput -------------------------------------------------------------------

async function throughput(url: string, path: string): Promise<number> {
  const connections = await Promise.all(
    Array.from({ length: THROUGHPUT_CONNECTIONS }, () => Connection.open(url)),
  );
  let count = 0;
  let counting = false;
  let running = true;
  const loops = connections.map(async (connection) => {
    while (running) {
      const response = await connection.get(path, AUTH);
      if (response.status !== 200) throw new Error(`${url}${path}: status ${response.status}`);
      if (counting) count += 1;
    }
  });
  await sleep(300); // warm-up
  counting = true;
  const started = wall();
  await sleep(THROUGHPUT_MS);
  counting = false;
  const elapsed = wall() - started;
  running = false;
  await Promise.all(loops);
  for (const connection of connections) connection.close();
  return (count / elapsed) * 1000;
}

// Alternated, best of two each, so that one noisy moment does not decide the ratio.
const floorRates: number[] = [];
const mockRates: number[] = [];
for (let round = 0; round < 2; round++) {
  floorRates.push(await throughput(urls.floor, '/status'));
  mockRates.push(await throughput(urls.manual, urls.statusPath));
}
const floorRate = Math.max(...floorRates);
const mockRate = Math.max(...mockRates);

// --- 1,000 parked polls woken at once --------------------------------------------------------

const create = async () => {
  const response = await fetch(`${urls.manual}/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' },
    body: JSON.stringify({ input: 'bench', metadata: { scenario: 'slow' } }),
  });
  return ((await response.json()) as { id: string }).id;
};
const ids: string[] = [];
for (let batch = 0; batch < PARKED; batch += 50) {
  ids.push(...(await Promise.all(Array.from({ length: Math.min(50, PARKED - batch) }, create))));
}
// Every session takes its first step (events 0-3); the next event is a thought 10 s later.
await ask({ advance: 1_000 });
const memoryBefore = (await ask<{ memory: { heap: number; rss: number } }>({ memory: true }))
  .memory;

const mockConnections = await Promise.all(ids.map(() => Connection.open(urls.manual)));
const mockPolls = ids.map((id, i) =>
  mockConnections[i]!.get(`/v1/sessions/${id}/changes?from=4&wait_s=60`, AUTH),
);
while ((await ask<{ stats: { parked: number } }>({ stats: true })).stats.parked < PARKED) {
  await sleep(20);
}
const memoryAfter = (await ask<{ memory: { heap: number; rss: number } }>({ memory: true })).memory;
const { appended, took: advanceMs } = await ask<{
  appended: Record<string, number>;
  took: number;
}>({ advance: 10_000 });
const mockReplies = await Promise.all(mockPolls);
for (const connection of mockConnections) connection.close();
const wakeBody = mockReplies[0]!.body;
for (const reply of mockReplies) {
  const events = (JSON.parse(reply.body) as { events: unknown[] }).events;
  if (reply.status !== 200 || events.length !== 1) {
    throw new Error(`a parked poll got ${reply.status} with ${events.length} events`);
  }
}
const mockWake = ids.map((id, i) => mockReplies[i]!.at - appended[id]!).sort((a, b) => a - b);
const firstAppend = Math.min(...ids.map((id) => appended[id]!));
const mockFirst = Math.min(...mockReplies.map((reply) => reply.at)) - firstAppend;

const floorConnections = await Promise.all(ids.map(() => Connection.open(urls.floor)));
const floorPolls = floorConnections.map((connection) => connection.get('/park', ''));
while ((await ask<{ parked: number }>({ floorParked: true })).parked < PARKED) await sleep(20);
const { at: floorWokeAt } = await ask<{ at: number }>({ wakeFloor: wakeBody });
const floorReplies: RawResponse[] = await Promise.all(floorPolls);
for (const connection of floorConnections) connection.close();
const floorWake = floorReplies.map((reply) => reply.at - floorWokeAt).sort((a, b) => a - b);
const floorFirst = floorWake[0]!;

// --- One parked poll at a time ---------------------------------------------------------------

const single: number[] = [];
for (let n = 0; n < SINGLE_SESSIONS; n++) {
  const response = await fetch(`${urls.automatic}/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' },
    body: JSON.stringify({ input: 'bench', metadata: { scenario: 'long-run' } }),
  });
  const { id } = (await response.json()) as { id: string };
  const connection = await Connection.open(urls.automatic);
  const polls: { from: number; sent: number; at: number }[] = [];
  for (let from = 0; ; ) {
    const sent = wall();
    const reply = await connection.get(`/v1/sessions/${id}/changes?from=${from}&wait_s=60`, AUTH);
    const body = JSON.parse(reply.body) as { next: number; terminal: boolean };
    polls.push({ from, sent, at: reply.at });
    from = body.next;
    if (body.terminal) break;
  }
  connection.close();
  const times = (await ask<{ appended: Record<string, number[]> }>({ appended: true })).appended[
    id
  ]!;
  for (const poll of polls) {
    const appendedAt = times[poll.from];
    // Only polls that parked: their first event was appended after they were sent.
    if (appendedAt !== undefined && appendedAt > poll.sent) single.push(poll.at - appendedAt);
  }
}
single.sort((a, b) => a - b);

// --- Report ----------------------------------------------------------------------------------

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const throughputRatio = mockRate / floorRate;
const p50Ratio = percentile(mockWake, 0.5) / percentile(floorWake, 0.5);
const singleP50 = percentile(single, 0.5);
const singleP99 = percentile(single, 0.99);
console.log(`mock-server bench (Node ${process.version}); floor = bare node:http, same JSON`);
console.log('');
console.log(
  `GET status, ${THROUGHPUT_CONNECTIONS} keep-alive connections, best of 2 x ${THROUGHPUT_MS} ms:`,
);
console.log(`  floor ${floorRate.toFixed(0)} req/s, mock ${mockRate.toFixed(0)} req/s`);
console.log(
  `  ratio ${throughputRatio.toFixed(2)}x of the floor (target >= 0.30x): ${verdict(throughputRatio >= 0.3)}`,
);
console.log('');
console.log(`${PARKED} parked polls woken at once (one event each):`);
console.log(
  `  first reply after the append: ${ms(mockFirst)} (target <= 15 ms): ${verdict(mockFirst <= 15)}; floor ${ms(floorFirst)}`,
);
console.log(
  `  wake latency p50: mock ${ms(percentile(mockWake, 0.5))}, floor ${ms(percentile(floorWake, 0.5))}`,
);
console.log(
  `  p50 ratio ${p50Ratio.toFixed(2)}x of the floor (target <= 1.3x): ${verdict(p50Ratio <= 1.3)}`,
);
console.log(
  `  the clock advance that appends the ${PARKED} events (and wakes the polls) took ${ms(advanceMs)}`,
);
console.log(
  `  all woken in: mock ${ms(mockWake[mockWake.length - 1]!)}, floor ${ms(floorWake[floorWake.length - 1]!)}`,
);
console.log(
  `  server memory per parked poll: ${kb((memoryAfter.heap - memoryBefore.heap) / PARKED)} JS heap+external, ${kb((memoryAfter.rss - memoryBefore.rss) / PARKED)} RSS`,
);
console.log('');
console.log(`One parked poll at a time (${single.length} wakes, append -> response received):`);
console.log(`  p50 ${ms(singleP50)} (target < 1 ms): ${verdict(singleP50 < 1)}`);
console.log(`  p99 ${ms(singleP99)} (target < 5 ms): ${verdict(singleP99 < 5)}`);

child.disconnect();
