import { createMockServer } from '@agent-sessions/mock-server';
import {
  AgentSessions,
  InvalidStateError,
  isEventType,
  isTerminal,
  SessionEndedError,
} from '@agent-sessions/sdk-node';

// A mock Agent Sessions server on a free port, playing its scenarios 600 times faster than real time.
const server = await createMockServer({ clock: { mode: 'real', speed: 600 } });
const client = new AgentSessions({ apiKey: 'test-key', baseUrl: server.url });
const say = (text: string) => console.log(text);
const scenario = (name: string) => ({ metadata: { scenario: name } });

say('1. Start a long task and watch it live');
const migration = await client.sessions.start({
  input: 'Plan our database migration.',
  ...scenario('long-run'),
});
let tokens = 0;
for await (const event of migration.watch()) {
  if (isEventType(event, 'step_finished')) {
    tokens += event.data.usage.total_tokens;
    // One progress line, rewritten in place on a terminal.
    const line = `   step ${event.data.step} done, ${tokens.toLocaleString('en')} tokens so far`;
    process.stdout.write(process.stdout.isTTY ? `\r${line}` : `${line}\n`);
  }
  if (isEventType(event, 'answer'))
    say(`${process.stdout.isTTY ? '\n' : ''}   answer: ${event.data.content}`);
}

say('2. Poll the status of another session until it ends');
const tools = await client.sessions.start({
  input: 'Check the weather in Lisbon.',
  ...scenario('tool-calls'),
});
let status = await tools.status();
say(`   ${status.state}, steps started: ${status.step_count}`);
while (!isTerminal(status.state)) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const next = await tools.status();
  if (next.state !== status.state) say(`   ${next.state}, steps started: ${next.step_count}`);
  status = next;
}

say('3. Run and wait: one call, one answer');
const { answer, session } = await client.sessions.run({ input: 'What is the capital of France?' });
say(`   "${answer}" (${session.usage.total_tokens} tokens)`);

say('4. Read the full history of the first session');
const counts = new Map<string, number>();
for await (const event of migration.events())
  counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
say(`   ${[...counts].map(([type, n]) => `${n} ${type}`).join(', ')}`);

say('5. Steer a slow session: send a message, pause, resume, force an answer');
const research = await client.sessions.start({
  input: 'Is remote work here to stay?',
  ...scenario('slow'),
});
await research.send('Only use sources from the last two years.');
say(`   sent a message; the agent picks it up on its next step`);
const paused = await research.pause();
say(`   paused at step ${paused.step_count}`);
await new Promise((resolve) => setTimeout(resolve, 150));
say(`   still at step ${(await research.status()).step_count} a while later; resuming`);
await research.resume();
await research.forceAnswer();
say(`   forced answer: ${await research.answer()}`);
try {
  await research.pause();
} catch (error) {
  if (!InvalidStateError.is(error)) throw error;
  say(
    `   pausing it now is refused: the session is ${error.state} (${error.code}, ${error.status})`,
  );
}

say('6. Cancel a session');
const doomed = await client.sessions.start({
  input: 'Read every book ever written.',
  ...scenario('slow'),
});
await doomed.cancel();
await doomed.answer().catch((error) => {
  if (!SessionEndedError.is(error)) throw error;
  say(`   waiting for its answer fails as it should: ${error.message}`);
});

say('7. Delegation: subagent events are attributed to their agent');
const comparison = client.sessions.get(
  (await client.sessions.start({ input: 'Compare library A and B.', ...scenario('delegation') }))
    .id,
);
for await (const event of comparison.watch()) {
  const who = event.agent.parent_id
    ? `${event.agent.id} (working for ${event.agent.parent_id})`
    : event.agent.id;
  if (isEventType(event, 'subagent_started'))
    say(`   ${who} starts ${event.data.subagent_id}: ${event.data.task}`);
  if (isEventType(event, 'tool_called')) say(`   ${who} calls ${event.data.tool}`);
  if (isEventType(event, 'subagent_finished')) say(`   ${who} reports: ${event.data.result}`);
  if (isEventType(event, 'answer')) say(`   ${who} answers: ${event.data.content}`);
}

say('8. A conversation: the session waits idle between turns, then times out');
const chat = await client.sessions.start({
  input: 'Help me plan a trip to Lisbon.',
  idle_timeout_s: 60,
  ...scenario('conversation'),
});
say(`   agent: ${await chat.answer()}`);
for (const message of ['Three days in May; I love food and views.', 'Fewer hills, please.']) {
  say(`   me:    ${message}`);
  say(`   agent: ${await chat.ask(message)}`);
}
for await (const event of chat.watch()) {
  if (isEventType(event, 'state_changed') && event.data.to === 'completed') {
    say(`   no reply for 60 s: the session ended (${event.data.reason})`);
  }
}

await server.close();
say('Done: every feature ran against the mock server.');
