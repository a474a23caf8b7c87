// A smoke test of the packed sdk-node, run by Node, Bun and Deno against a mock server started
// by scripts/release/runtimes.mjs. The client is built with no options: the API key and base URL
// come from AGENT_SESSIONS_API_KEY and AGENT_SESSIONS_BASE_URL. Prints one JSON line that the
// runner checks against what the mock server recorded.
import { AgentSessions, isTerminal } from '@agent-sessions/sdk-node';

const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.versions.node}`;
const client = new AgentSessions();

// Blocking run-and-wait.
const run = await client.sessions.run({ input: 'What is the capital of France?' });

// Start, then watch every event until the session is terminal, then read its answer, status
// and full history.
const watched = await client.sessions.start({
  input: 'Look something up',
  metadata: { scenario: 'tool-calls' },
});
const indexes = [];
for await (const event of watched.watch()) indexes.push(event.index);
const watchedAnswer = await watched.answer();
const watchedStatus = await watched.status();
let history = 0;
for await (const _ of watched.events()) history += 1;

// Steering through the direct calls keyed by id: pause, resume, then force an answer.
const steered = await client.sessions.start({
  input: 'Take your time',
  metadata: { scenario: 'slow' },
});
await client.sessions.pause(steered.id);
const paused = await client.sessions.status(steered.id);
await client.sessions.resume(steered.id);
await client.sessions.forceAnswer(steered.id);
const forcedAnswer = await client.sessions.answer(steered.id);

// Multi-turn: a message to an idle session starts the next turn.
const chat = await client.sessions.start({
  input: 'Hello',
  idle_timeout_s: 60,
  metadata: { scenario: 'conversation' },
});
await chat.answer();
const secondAnswer = await chat.ask('And then?');
await chat.cancel();
const cancelled = await chat.status();

let listed = 0;
for await (const _ of client.sessions.list()) listed += 1;

console.log(
  JSON.stringify({
    runtime,
    run: { answer: run.answer, state: run.session.state, terminal: isTerminal(run.session.state) },
    watched: {
      id: watched.id,
      indexes,
      answer: watchedAnswer,
      state: watchedStatus.state,
      history,
    },
    steered: { id: steered.id, pausedState: paused.state, forcedAnswer },
    chat: { secondAnswer, state: cancelled.state },
    listed,
  }),
);
