// The mock server's speed, against a bare node:http server returning the same JSON (the
// floor), in one run: GET status throughput, 1,000 parked long-polls woken at once, and the
// wake latency of one parked poll. A script, not a test: it prints figures and their targets.
//   pnpm --filter @agent-sessions/mock-server bench
import { type ChildProcess, fork } from 'node:child_process';
import { Connection, type RawResponse, wall } from './raw-client.js';

const PARKED = 1_000;
const PARKED_ROUNDS = 5;
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

// Several rounds on the same connections (the machine may be busy; the median round counts):
// each round parks one poll per session and appends the sessions' next event.
const mockConnections = await Promise.all(ids.map(() => Connection.open(urls.manual)));
const floorConnections = await Promise.all(ids.map(() => Connection.open(urls.floor)));
const from = new Map(ids.map((id) => [id, 4]));
let memoryAfter = memoryBefore;
let wakeBody = '';
interface Round {
  first: number;
  p50: number;
  last: number;
  advance: number;
  floorFirst: number;
  floorP50: number;
  floorLast: number;
}
const rounds: Round[] = [];
for (let round = 0; round < PARKED_ROUNDS; round++) {
  const mockPolls = ids.map((id, i) =>
    mockConnections[i]!.get(`/v1/sessions/${id}/changes?from=${from.get(id)}&wait_s=60`, AUTH),
  );
  while ((await ask<{ stats: { parked: number } }>({ stats: true })).stats.parked < PARKED) {
    await sleep(20);
  }
  if (round === 0) {
    memoryAfter = (await ask<{ memory: { heap: number; rss: number } }>({ memory: true })).memory;
  }
  const { appended, took } = await ask<{ appended: Record<string, number>; took: number }>({
    advanceUntilEvent: true,
  });
  const mockReplies = await Promise.all(mockPolls);
  wakeBody = mockReplies[0]!.body;
  for (const [i, reply] of mockReplies.entries()) {
    const body = JSON.parse(reply.body) as { events: unknown[]; next: number };
    if (reply.status !== 200 || body.events.length === 0) {
      throw new Error(`a parked poll got ${reply.status} with ${body.events.length} events`);
    }
    from.set(ids[i]!, body.next);
  }
  const mockWake = ids.map((id, i) => mockReplies[i]!.at - appended[id]!).sort((a, b) => a - b);
  const firstAppend = Math.min(...ids.map((id) => appended[id]!));

  const floorPolls = floorConnections.map((connection) => connection.get('/park', ''));
  while ((await ask<{ parked: number }>({ floorParked: true })).parked < PARKED) await sleep(20);
  const { at: floorWokeAt } = await ask<{ at: number }>({ wakeFloor: wakeBody });
  const floorReplies: RawResponse[] = await Promise.all(floorPolls);
  const floorWake = floorReplies.map((reply) => reply.at - floorWokeAt).sort((a, b) => a - b);
  rounds.push({
    first: Math.min(...mockReplies.map((reply) => reply.at)) - firstAppend,
    p50: percentile(mockWake, 0.5),
    last: Math.max(...mockReplies.map((reply) => reply.at)) - firstAppend,
    advance: took,
    floorFirst: floorWake[0]!,
    floorP50: percentile(floorWake, 0.5),
    floorLast: floorWake[floorWake.length - 1]!,
  });
}
for (const connection of [...mockConnections, ...floorConnections]) connection.close();
const median = (pick: (round: Round) => number) =>
  percentile(
    rounds.map(pick).sort((a, b) => a - b),
    0.5,
  );
const mockFirst = median((round) => round.first);
const mockP50 = median((round) => round.p50);
const floorP50 = median((round) => round.floorP50);

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
const p50Ratio = mockP50 / floorP50;
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
console.log(
  `${PARKED} parked polls woken at once (one event each), median of ${PARKED_ROUNDS} rounds:`,
);
console.log(
  `  first reply after the first append: ${ms(mockFirst)} (target <= 15 ms): ${verdict(mockFirst <= 15)}; floor ${ms(median((round) => round.floorFirst))}`,
);
console.log(
  `    of which the clock advance that appends the ${PARKED} events (and wakes the polls): ${ms(median((round) => round.advance))}`,
);
console.log(`  wake latency p50: mock ${ms(mockP50)}, floor ${ms(floorP50)}`);
console.log(
  `  p50 ratio ${p50Ratio.toFixed(2)}x of the floor (target <= 1.3x): ${verdict(p50Ratio <= 1.3)}`,
);
console.log(
  `  all woken in: mock ${ms(median((round) => round.last))}, floor ${ms(median((round) => round.floorLast))}`,
);
console.log(
  `  server memory per parked poll: ${kb((memoryAfter.heap - memoryBefore.heap) / PARKED)} JS heap+external, ${kb((memoryAfter.rss - memoryBefore.rss) / PARKED)} RSS`,
);
console.log('');
console.log(`One parked poll at a time (${single.length} wakes, append -> response received):`);
console.log(`  p50 ${ms(singleP50)} (target < 1 ms): ${verdict(singleP50 < 1)}`);
console.log(`  p99 ${ms(singleP99)} (target < 5 ms): ${verdict(singleP99 < 5)}`);

child.disconnect();
