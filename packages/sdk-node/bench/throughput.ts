// Throughput of the SDK against a raw fetch loop, in one run against one mock server:
// status() calls per second, and events per second through watch() over a long session.
// Run: pnpm --filter @agent-sessions/sdk-node bench
import { createMockServer, type Fixture } from '@agent-sessions/mock-server';
import { AgentSessions } from '../src/index.js';

const STATUS_CALLS = 3000;
const WATCH_ROUNDS = 30;
const main = { id: 'main', parent_id: null };
const usage = { input_tokens: 10, output_tokens: 1, total_tokens: 11 };

// 250 steps with 8 events each: about 2,500 events in the log.
const long: Fixture = {
  format: 'agent-sessions-fixture',
  version: 1,
  name: 'bench-long',
  description: 'A long session for the benchmark.',
  forced: { duration_ms: 10, usage, answer: 'forced' },
  turns: [
    {
      steps: Array.from({ length: 250 }, (_, step) => ({
        delay_ms: 0,
        duration_ms: 100,
        usage,
        events: Array.from({ length: 8 }, (_, i) => ({
          at_ms: i * 10,
          type: i % 2 ? 'thought' : 'tool_called',
          agent: main,
          data:
            i % 2
              ? { content: `step ${step}, thought ${i}: weighing the options at some length.` }
              : { call_id: `c${step}_${i}`, tool: 'search', input: { query: `q${step}` } },
        })),
      })),
      end: { answer: 'done' },
    },
  ],
};

const server = await createMockServer({ fixtures: [long] });
const client = new AgentSessions({ apiKey: 'test-key', baseUrl: server.url });
const headers = { authorization: 'Bearer test-key' };

const session = await client.sessions.start({
  input: 'bench',
  metadata: { scenario: 'bench-long' },
});
server.clock.advance(3_600_000);
const total =
  (await session.status()).state === 'completed'
    ? server.sessions.get(session.id)!.events.length
    : 0;

/** Per-second rates of `a` and `b`, run in alternating batches so neither gets a warmer server. */
async function rates(count: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const elapsed = [0, 0];
  for (let round = 0; round < 6; round++) {
    for (const [i, run] of [a, b].entries()) {
      const start = performance.now();
      for (let n = 0; n < count / 5; n++) await run();
      // The first round only warms up.
      if (round > 0) elapsed[i]! += performance.now() - start;
    }
  }
  return elapsed.map((ms) => (count * 1000) / ms) as [number, number];
}

const url = `${server.url}/v1/sessions/${session.id}`;
// Three runs in this one invocation; the median ratio is the figure (a shared machine's noise
// moves a single run by a tenth either way).
const statusRuns: { raw: number; sdk: number; ratio: number }[] = [];
for (let run = 0; run < 3; run++) {
  const [raw, sdk] = await rates(
    STATUS_CALLS,
    async () => JSON.parse(await (await fetch(url, { headers })).text()),
    () => session.status(),
  );
  statusRuns.push({ raw, sdk, ratio: sdk / raw });
}
const median = [...statusRuns].sort((a, b) => a.ratio - b.ratio)[1]!;
const [rawStatus, sdkStatus] = [median.raw, median.sdk];

async function rawPages(): Promise<number> {
  let seen = 0;
  for (let from = 0; ; ) {
    const page = JSON.parse(
      await (await fetch(`${url}/changes?from=${from}&wait_s=30`, { headers })).text(),
    );
    seen += page.events.length;
    from = page.next;
    if (page.terminal) return seen;
  }
}
async function sdkWatch(): Promise<number> {
  let seen = 0;
  for await (const _ of session.watch()) seen += 1;
  return seen;
}
const [rawRounds, sdkRounds] = await rates(WATCH_ROUNDS, rawPages, sdkWatch);
const [rawEvents, sdkEvents] = [rawRounds * total, sdkRounds * total];
if ((await sdkWatch()) !== total || (await rawPages()) !== total)
  throw new Error('event count mismatch');

const f = (n: number) => Math.round(n).toLocaleString('en');
console.log(`mock server ${server.url}, Node ${process.version}`);
console.log(
  `status():  SDK ${f(sdkStatus)} calls/s, raw fetch + JSON.parse ${f(rawStatus)} calls/s, ratio ${(sdkStatus / rawStatus).toFixed(2)} (median of 3 runs: ${statusRuns.map((r) => r.ratio.toFixed(2)).join(', ')})`,
);
console.log(
  `watch():   SDK ${f(sdkEvents)} events/s, raw fetch of the same pages ${f(rawEvents)} events/s, ratio ${(sdkEvents / rawEvents).toFixed(2)} (${total} events per round)`,
);
await server.close();
