// The handler's speed, in one run, against calling the upstream (the mock server, in another
// process) directly: status throughput, the latency a long-poll wake gains through the handler,
// and the handler's memory per parked long-poll (1,000 parked, then all aborted).
//   pnpm --filter @agent-sessions/server bench
import { fork } from 'node:child_process';
import { createSessionsHandler } from '../src/index.js';

const CONNECTIONS = 16;
const ROUND_MS = 1_500;
const ROUNDS = 3;
const WAKES = 100;
const PARKED = 1_000;
const KEY = { authorization: 'Bearer test-key' };

const child = fork(new URL('./upstream.ts', import.meta.url).pathname, [], {
  execArgv: ['--import', 'tsx'],
});
const { url } = await new Promise<{ url: string }>((resolve) =>
  child.once('message', (message) => resolve(message as { url: string })),
);
const handler = createSessionsHandler({
  apiKey: 'test-key',
  baseUrl: url,
  basePath: '/api',
  user: () => 'user_bench',
});
const viaHandler = (path: string, init: RequestInit = {}) =>
  handler(new Request(`http://app.test/api${path}`, init));
const direct = (path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: { ...KEY, ...init.headers } });

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A pooled connection that an abort just cut may answer one call with a reset: ask again.
const parked = async (): Promise<number> => {
  try {
    return ((await (await fetch(`${url}/_mock/stats`)).json()) as { parked: number }).parked;
  } catch {
    return -1;
  }
};
async function until(condition: () => Promise<boolean>) {
  while (!(await condition())) await sleep(5);
}

const started = await viaHandler('/v1/sessions', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ input: 'Bench.', metadata: { scenario: 'slow' } }),
});
const { id } = (await started.json()) as { id: string };

// --- status throughput ------------------------------------------------------------------------
async function throughput(call: () => Promise<Response>): Promise<number> {
  let count = 0;
  let running = true;
  const loops = Array.from({ length: CONNECTIONS }, async () => {
    while (running) {
      const response = await call();
      await response.text();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      count++;
    }
  });
  const from = performance.now();
  await sleep(ROUND_MS);
  running = false;
  await Promise.all(loops);
  return count / ((performance.now() - from) / 1000);
}
await throughput(() => direct(`/v1/sessions/${id}`)); // warm-up
await throughput(() => viaHandler(`/v1/sessions/${id}`));
let directRate = 0;
let handlerRate = 0;
for (let round = 0; round < ROUNDS; round++) {
  directRate += await throughput(() => direct(`/v1/sessions/${id}`));
  handlerRate += await throughput(() => viaHandler(`/v1/sessions/${id}`));
}
directRate /= ROUNDS;
handlerRate /= ROUNDS;
const ratio = handlerRate / directRate;

// --- long-poll wake latency -------------------------------------------------------------------
async function nextIndex(): Promise<number> {
  const response = await direct(`/v1/sessions/${id}/events?from=0&limit=500`);
  return ((await response.json()) as { next: number }).next;
}
await direct(`/v1/sessions/${id}/pause`, { method: 'POST' });
const added: number[] = [];
for (let wake = 0; wake < WAKES; wake++) {
  const from = await nextIndex();
  const query = `/v1/sessions/${id}/changes?from=${from}&wait_s=60`;
  let t0 = 0;
  const timed = (call: Promise<Response>) =>
    call.then(async (response) => {
      const at = performance.now();
      await response.text();
      return at - t0;
    });
  const viaDirect = timed(direct(query));
  const viaProxy = timed(viaHandler(query));
  await until(async () => (await parked()) === 2);
  t0 = performance.now();
  await direct(`/v1/sessions/${id}/${wake % 2 === 0 ? 'resume' : 'pause'}`, { method: 'POST' });
  const [d, h] = await Promise.all([viaDirect, viaProxy]);
  added.push(h - d);
}
added.sort((a, b) => a - b);
const wakeP50 = added[Math.floor(added.length / 2)]!;

// --- memory per parked long-poll --------------------------------------------------------------
const from = await nextIndex();
/** Parks PARKED long-polls made by `call`, aborts them all; heap per poll, and what is left. */
async function parkAndAbort(call: (signal: AbortSignal) => Promise<Response>) {
  gc();
  await sleep(50);
  gc();
  const before = process.memoryUsage().heapUsed;
  let pages = Array.from({ length: PARKED }, () => new AbortController());
  let polls = pages.map((page) =>
    call(page.signal).then(
      (response) => response.status,
      () => 'aborted',
    ),
  );
  await until(async () => (await parked()) === PARKED);
  gc();
  const held = process.memoryUsage().heapUsed;
  for (const page of pages) page.abort();
  const answers = new Set(await Promise.all(polls));
  pages = [];
  polls = [];
  await until(async () => (await parked()) === 0);
  gc();
  await sleep(100);
  gc();
  return {
    perPoll: (held - before) / PARKED,
    left: process.memoryUsage().heapUsed - before,
    answers,
  };
}
const changes = `/v1/sessions/${id}/changes?from=${from}&wait_s=60`;
const parkViaHandler = (signal: AbortSignal) => viaHandler(changes, { signal });
// The first round pays for what a process sets up once (the connection pool, compiled code).
await parkAndAbort(parkViaHandler);
const baseline = await parkAndAbort((signal) => direct(changes, { signal }));
const memory = await parkAndAbort(parkViaHandler);
const perPoll = memory.perPoll;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
console.log(
  `status through the handler: ${handlerRate.toFixed(0)}/s vs ${directRate.toFixed(0)}/s direct = ${ratio.toFixed(2)}x (target >= 0.8x: ${verdict(ratio >= 0.8)})`,
);
console.log(
  `long-poll wake, added by the handler at p50: ${wakeP50.toFixed(3)} ms over ${WAKES} wakes (target < 1 ms: ${verdict(wakeP50 < 1)})`,
);
console.log(
  `memory per parked long-poll in the handler: ${kb(perPoll)} with ${PARKED} parked, the page's Request and the upstream fetch included (a bare fetch: ${kb(baseline.perPoll)}) (target < 20 KB: ${verdict(perPoll < 20 * 1024)})`,
);
console.log(
  `after all ${PARKED} pages aborted: upstream parked 0, answers ${[...memory.answers].join('/')}, heap ${kb(memory.left)} above the start (released: ${verdict(memory.left < PARKED * 1024)})`,
);
child.disconnect();
