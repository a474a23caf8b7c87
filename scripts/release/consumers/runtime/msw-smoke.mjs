// A smoke test of the packed mock-server's MSW handlers, run by Node, Bun and Deno: msw's
// `setupServer` intercepts the packed sdk-node's requests and the engine answers them in the same
// process. Prints one JSON line: what the client saw next to what the engine recorded, which
// scripts/release/runtimes.mjs compares.
import { createMockHandlers } from '@agent-sessions/mock-server/msw';
import { AgentSessions } from '@agent-sessions/sdk-node';
import { setupServer } from 'msw/node';

const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.versions.node}`;
const baseUrl = 'https://msw-smoke.agent-sessions.test';
const { handlers, engine } = createMockHandlers({ baseUrl });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
try {
  const client = new AgentSessions({ apiKey: 'test-key', baseUrl, maxRetries: 3 });

  const run = await client.sessions.run({ input: 'What is the capital of France?' });

  const watched = await client.sessions.start({
    input: 'Look something up',
    metadata: { scenario: 'tool-calls' },
  });
  const indexes = [];
  for await (const event of watched.watch()) indexes.push(event.index);

  // A dropped connection (MSW's network error), then a retried start under the same key.
  engine.faults.add({ operation: 'createSession', call: 1, kind: 'reset' });
  const retried = await client.sessions.start({ input: 'again', idempotencyKey: 'smoke-key' });
  const starts = engine.journal.list({ operation: 'createSession', idempotencyKey: 'smoke-key' });

  // A dribbled body read whole.
  engine.faults.add({
    operation: 'getSession',
    call: 1,
    kind: 'dribble',
    chunkBytes: 64,
    pauseMs: 1,
  });
  const dribbled = await client.sessions.status(retried.id);

  console.log(
    JSON.stringify({
      runtime,
      run: { answer: run.answer, state: run.session.state },
      watched: {
        indexes: indexes.join(),
        recorded: [...Array(engine.sessions.get(watched.id).events.length).keys()].join(),
      },
      retried: {
        statuses: starts.map((entry) => entry.status).join(),
        // run(), the watched one and the retried start: the dropped attempt created nothing twice.
        sessions: engine.sessions.list().length,
      },
      dribbled: dribbled.id === retried.id,
    }),
  );
} finally {
  server.close();
  engine.close();
}
// msw opens a BroadcastChannel when it is imported (its WebSocket client manager) and unrefs it
// only where the runtime can: Deno's cannot, so a Deno process that imported msw never ends on
// its own (`import 'msw'` alone hangs on Deno 2.9.6). Everything above is closed; end it here.
if (globalThis.Deno) globalThis.Deno.exit(0);
