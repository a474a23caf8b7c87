// A smoke test of the packed sdk-web outside a page, run by Node, Bun and Deno against a mock
// server started by scripts/release/runtimes.mjs (a server render, a route handler, a test in a
// server runtime: no online/offline events there). Prints one JSON line that the runner checks
// against what the mock server recorded.
import { AgentSessions, createSessionStore } from '@agent-sessions/sdk-web';

const env = (name) => (globalThis.Deno ? globalThis.Deno.env.get(name) : process.env[name]);
const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.versions.node}`;
const client = new AgentSessions({
  apiKey: env('AGENT_SESSIONS_API_KEY'),
  baseUrl: env('AGENT_SESSIONS_BASE_URL'),
  dangerouslyAllowBrowser: true,
  // A call that fails must show here, not be retried as if the network were down.
  maxRetries: 0,
});

// Start, then watch every event until the session is terminal.
const watched = await client.sessions.start({
  input: 'Look something up',
  metadata: { scenario: 'tool-calls' },
});
const indexes = [];
for await (const event of watched.watch()) indexes.push(event.index);
const answer = await watched.answer();

// The store: follow a session to its end, save it, and resume a JSON copy (nothing to read).
const stored = await client.sessions.start({
  input: 'Delegate',
  metadata: { scenario: 'delegation' },
});
const store = createSessionStore(stored);
const final = await new Promise((resolve) => {
  const unsubscribe = store.subscribe(() => {
    const snapshot = store.getSnapshot();
    if (snapshot.done) {
      unsubscribe();
      resolve(snapshot);
    }
  });
});
const resumed = createSessionStore(client.sessions.get(stored.id), {
  initial: JSON.parse(JSON.stringify(store.save())),
});

console.log(
  JSON.stringify({
    runtime,
    watched: { id: watched.id, indexes, answer },
    store: {
      id: stored.id,
      error: final.error?.message ?? null,
      state: final.state,
      event_count: final.event_count,
      step_count: final.step_count,
      resumedDone: resumed.getSnapshot().done,
      resumedCount: resumed.getSnapshot().event_count,
    },
  }),
);
