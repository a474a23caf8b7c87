import { readdirSync, readFileSync } from 'node:fs';
import { parseWireEvent, type WireEvent } from '@agent-sessions/protocol';
import { describe, expect, test } from 'vitest';
import { parseFixtureJson, scenarios, stringifyFixture } from '../src/index.js';
import { answerOf, api, startServer, summarize } from './support/server.js';

const fixturesDir = new URL('../fixtures/', import.meta.url);
const names = Object.keys(scenarios) as (keyof typeof scenarios)[];

async function play(scenario: string, input = 'Go.') {
  const server = await startServer();
  const client = api(server);
  const { body } = await client.create({ input, metadata: { scenario } });
  const events = await client.drain(body.id);
  return { events, session: (await client.get(body.id)).body, server };
}

function dataOf(events: WireEvent[], type: string) {
  return events.filter((event) => event.type === type).map((event) => event.data as any);
}

describe('the scenario catalog', () => {
  test('has the seven documented scenarios, each from its file in fixtures/', () => {
    expect(names.sort()).toEqual(
      [
        'conversation',
        'delegation',
        'failure',
        'long-run',
        'short-answer',
        'slow',
        'tool-calls',
      ].sort(),
    );
    const files = readdirSync(fixturesDir).filter((file) => file.endsWith('.json'));
    expect(files.map((file) => file.replace('.json', '')).sort()).toEqual(names.sort());
  });

  test.each(names)(
    'fixtures/%s.json is in canonical form and is what the catalog holds',
    (name) => {
      const text = readFileSync(new URL(`${name}.json`, fixturesDir), 'utf8');
      const fixture = parseFixtureJson(text, `${name}.json`);
      expect(stringifyFixture(fixture)).toBe(text);
      expect(scenarios[name]).toEqual(fixture);
    },
  );

  test.each(names)('%s plays to the end with valid events whose totals add up', async (name) => {
    const { events, session } = await play(name);
    for (const event of events) expect(parseWireEvent(event).success).toBe(true);
    const finished = dataOf(events, 'step_finished');
    expect(session.step_count).toBe(finished.length);
    for (const field of ['input_tokens', 'output_tokens', 'total_tokens'] as const) {
      expect(session.usage[field]).toBe(finished.reduce((sum, data) => sum + data.usage[field], 0));
    }
    // The fixture's own events appear in order, between the server's structural ones.
    const own = events.filter(
      (event) => !/^(state_changed|message_received|step_|answer|error)/.test(event.type),
    );
    const expected = scenarios[name].turns[0]!.steps.flatMap((step) => step.events);
    expect(own.map(({ type, agent, data }) => ({ type, agent, data }))).toEqual(
      expected.map(({ type, agent, data }) => ({ type, agent, data })),
    );
    expect(session.state).toBe(name === 'failure' ? 'failed' : 'completed');
  });

  test('short-answer is the default and quick', async () => {
    const server = await startServer();
    const client = api(server);
    const { body } = await client.create({ input: 'Capital of France?' });
    const events = await client.drain(body.id);
    expect(dataOf(events, 'answer')[0].content).toBe(answerOf(scenarios['short-answer']));
    expect(dataOf(events, 'step_started')).toHaveLength(2);
  });

  test('long-run: many steps, tool calls and growing token usage over ten minutes', async () => {
    const { events, session } = await play('long-run');
    expect(session.step_count).toBeGreaterThanOrEqual(10);
    const usage = dataOf(events, 'step_finished').map((data) => data.usage.total_tokens);
    expect(usage).toEqual([...usage].sort((a, b) => a - b));
    expect(dataOf(events, 'tool_called').length).toBeGreaterThan(2);
    const span = Date.parse(events.at(-1)!.created_at) - Date.parse(events[0]!.created_at);
    expect(span).toBeGreaterThanOrEqual(600_000);
  });

  test('tool-calls: every call returns, one with an error', async () => {
    const { events } = await play('tool-calls');
    const called = dataOf(events, 'tool_called').map((data) => data.call_id);
    const returned = dataOf(events, 'tool_returned');
    expect(returned.map((data) => data.call_id)).toEqual(called);
    expect(returned.filter((data) => data.is_error)).toHaveLength(1);
  });

  test('delegation: two subagents, attributed to main, with interleaved events', async () => {
    const { events } = await play('delegation');
    const started = dataOf(events, 'subagent_started').map((data) => data.subagent_id);
    expect(started).toEqual(['researcher_1', 'researcher_2']);
    const byAgent = events.filter((event) => event.agent.id !== 'main');
    for (const event of byAgent) expect(event.agent.parent_id).toBe('main');
    const order = byAgent.map((event) => event.agent.id);
    // Interleaved: the two subagents take turns rather than running one after the other.
    const switches = order.filter((id, i) => i > 0 && id !== order[i - 1]).length;
    expect(switches).toBeGreaterThanOrEqual(3);
    expect(
      dataOf(events, 'subagent_finished')
        .map((data) => data.subagent_id)
        .sort(),
    ).toEqual(started);
  });

  test('conversation: several turns with distinct answers', async () => {
    const server = await startServer();
    const client = api(server);
    const { body } = await client.create({
      input: 'Plan a trip.',
      idle_timeout_s: 120,
      metadata: { scenario: 'conversation' },
    });
    const answers: string[] = [];
    for (const message of [undefined, 'In May.', 'Add a day trip.']) {
      if (message) await client.message(body.id, message);
      await client.drain(body.id, true);
      answers.push((await client.get(body.id)).body.answer!);
    }
    expect(answers).toEqual(
      scenarios.conversation.turns.map((turn) => (turn.end as { answer: string }).answer),
    );
  });

  test('failure: ends failed with the error event', async () => {
    const { events } = await play('failure');
    expect(summarize(events).slice(-2)).toEqual(['error', 'state:running->failed(failed)']);
    expect(dataOf(events, 'error')[0]).toMatchObject({ code: 'tool_failed' });
  });

  test('slow: long steps leave room to steer', () => {
    const steps = scenarios.slow.turns[0]!.steps;
    expect(steps.length).toBeGreaterThanOrEqual(5);
    for (const step of steps) expect(step.duration_ms).toBeGreaterThanOrEqual(30_000);
  });
});
