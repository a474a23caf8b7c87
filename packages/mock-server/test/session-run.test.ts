import { describe, expect, test } from 'vitest';
import { scenarios } from '../src/index.js';
import { answerOf, api, startServer, summarize } from './support/server.js';

// `slow`: step 1 starts at 1 s; each step lasts 30 s with thoughts at +10 s and +20 s, then the
// next starts 1 s later. With auto-advance off, only clock.advance moves it.
const manual = { autoAdvance: false } as const;
// The two steps of `short-answer`.
const TWO_STEPS = [
  'step_started',
  'thought',
  'step_finished',
  'step_started',
  'thought',
  'step_finished',
];
const slow = { input: 'Check this claim.', metadata: { scenario: 'slow' } };

async function slowSession(at: number) {
  const server = await startServer(manual);
  const client = api(server);
  const { body } = await client.create(slow);
  server.clock.advance(at);
  return {
    server,
    client,
    id: body.id,
    types: () => summarize(server.sessions.get(body.id)!.events),
  };
}

describe('a session plays its fixture', () => {
  test('create returns at once, queued, with the creation and the input as events', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const { status, body } = await client.create({ input: 'What is the capital of France?' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ state: 'queued', step_count: 0, turn: 1, answer: null });
    expect(body.created_at).toBe('2026-01-01T00:00:00.000Z');
    const { events } = server.sessions.get(body.id)!;
    expect(events.map((event) => event.data)).toEqual([
      { from: null, to: 'queued', reason: 'created' },
      { message_id: 'msg_000001', content: 'What is the capital of France?' },
    ]);
  });

  test('the default scenario runs to completion: steps, usage and answer add up', async () => {
    const server = await startServer();
    const client = api(server);
    const { body } = await client.create({ input: 'What is the capital of France?' });
    const events = await client.drain(body.id);
    expect(summarize(events)).toEqual([
      'state:null->queued(created)',
      'message_received',
      'state:queued->running(started)',
      ...TWO_STEPS,
      'answer',
      'state:running->completed(answered)',
    ]);
    const status = (await client.get(body.id)).body;
    const fixture = scenarios['short-answer'];
    expect(status).toMatchObject({
      state: 'completed',
      step_count: 2,
      answer: answerOf(fixture, 0),
      usage: { input_tokens: 930, output_tokens: 95, total_tokens: 1025 },
    });
    expect(events.map((event) => event.index)).toEqual(events.map((_, i) => i));
    expect(events.at(-1)!.created_at).toBe('2026-01-01T00:00:03.000Z');
  });

  test('a message while running is picked up at the next step boundary', async () => {
    const { client, id, types, server } = await slowSession(5_000);
    const reply = await client.message(id, 'Focus on primary sources.');
    expect(reply.body).toMatchObject({ message_id: 'msg_000002', session: { state: 'running' } });
    expect(types().filter((type) => type === 'message_received')).toHaveLength(1); // the input
    server.clock.advance(27_000); // step 1 ends at 31 s, step 2 starts at 32 s
    const events = server.sessions.get(id)!.events;
    const at = events.findIndex((event, i) => i > 1 && event.type === 'message_received');
    expect(events[at]!.data).toEqual({
      message_id: 'msg_000002',
      content: 'Focus on primary sources.',
    });
    expect(events[at - 1]!.type).toBe('step_finished');
    expect(events[at + 1]).toMatchObject({ type: 'step_started', data: { step: 2 } });
    expect(events[at]!.turn).toBe(1);
  });

  test('a message during the last step makes the agent work on before answering', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const { body } = await client.create({ input: 'Capital of France?' });
    server.clock.advance(2_500); // inside step 2 of 2
    await client.message(body.id, 'And of Spain?');
    server.clock.advance(10_000);
    const types = summarize(server.sessions.get(body.id)!.events);
    expect(types.slice(8)).toEqual([
      'step_finished',
      'message_received',
      ...TWO_STEPS,
      'answer',
      'state:running->completed(answered)',
    ]);
  });

  test('pause halts playback where it is and resume continues from there', async () => {
    const { client, id, types, server } = await slowSession(15_000); // 6 s before the next thought
    const paused = await client.control(id, 'pause');
    expect(paused.body.state).toBe('paused');
    const before = types();
    expect(before.at(-1)).toBe('state:running->paused(paused)');
    server.clock.advance(100_000);
    expect(types()).toEqual(before);
    expect((await client.control(id, 'pause')).status).toBe(200); // no-op
    expect(types()).toEqual(before);
    expect((await client.control(id, 'resume')).body.state).toBe('running');
    server.clock.advance(5_999);
    expect(types().at(-1)).toBe('state:paused->running(resumed)');
    server.clock.advance(1);
    const last = server.sessions.get(id)!.events.at(-1)!;
    expect(last).toMatchObject({ type: 'thought', created_at: '2026-01-01T00:02:01.000Z' });
    expect((await client.control(id, 'resume')).body.state).toBe('running'); // no-op
    expect(server.sessions.get(id)!.events.at(-1)).toEqual(last);
  });

  test('a session paused while queued starts its first step after resume', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const { body } = await client.create(slow);
    expect((await client.control(body.id, 'pause')).body.state).toBe('paused');
    server.clock.advance(60_000);
    await client.control(body.id, 'resume');
    server.clock.advance(1_000);
    expect(summarize(server.sessions.get(body.id)!.events)).toEqual([
      'state:null->queued(created)',
      'message_received',
      'state:queued->paused(paused)',
      'state:paused->running(resumed)',
      'step_started',
    ]);
  });

  test('a message accepted but never picked up is logged message_dropped before the session ends', async () => {
    const { client, id, server } = await slowSession(5_000);
    const sent = await client.message(id, 'Never read.');
    const second = await client.message(id, 'Nor this.');
    expect([sent.body.message_id, second.body.message_id]).toEqual(['msg_000002', 'msg_000003']);
    await client.control(id, 'cancel');
    const events = server.sessions.get(id)!.events;
    expect(events.slice(-3).map((event) => [event.type, event.data])).toEqual([
      ['message_dropped', { message_id: 'msg_000002', reason: 'cancelled' }],
      ['message_dropped', { message_id: 'msg_000003', reason: 'cancelled' }],
      ['state_changed', { from: 'running', to: 'interrupted', reason: 'cancelled' }],
    ]);
    expect(events.filter((event) => event.type === 'message_received')).toHaveLength(1);
  });

  test('a message to a paused session resumes it', async () => {
    const { client, id, types, server } = await slowSession(15_000);
    await client.control(id, 'pause');
    const reply = await client.message(id, 'Go on, but briefly.');
    expect(reply.body.session.state).toBe('running');
    expect(types().at(-1)).toBe('state:paused->running(message)');
    server.clock.advance(17_000);
    expect(types()).toContain('message_received');
  });

  test('force-answer: the agent answers on its next step with the forced answer', async () => {
    const { client, id, types, server } = await slowSession(15_000);
    expect((await client.control(id, 'force-answer')).body.state).toBe('running');
    server.clock.advance(17_000); // step 1 ends at 31 s; the next step would start at 32 s
    expect(types().at(-1)).toBe('step_started');
    server.clock.advance(1_000); // the forced step lasts 1 s
    expect(types().slice(-6)).toEqual([
      'thought',
      'step_finished',
      'step_started',
      'step_finished',
      'answer(forced)',
      'state:running->completed(answered)',
    ]);
    const answer = server.sessions.get(id)!.events.at(-2)!;
    expect(answer.data).toEqual({ content: scenarios.slow.forced.answer, forced: true });
    expect((await client.get(id)).body).toMatchObject({
      step_count: 2,
      answer: scenarios.slow.forced.answer,
    });
  });

  test('force-answer on a paused session resumes it to answer', async () => {
    const { client, id, types, server } = await slowSession(15_000);
    await client.control(id, 'pause');
    await client.control(id, 'force-answer');
    expect(types().at(-1)).toBe('state:paused->running(resumed)');
    server.clock.advance(20_000);
    expect(types().slice(-2)).toEqual(['answer(forced)', 'state:running->completed(answered)']);
  });

  test('cancel ends the session interrupted at once; cancelling again is a 200', async () => {
    const { client, id, types } = await slowSession(15_000);
    const cancelled = await client.control(id, 'cancel');
    expect(cancelled).toMatchObject({ status: 200, body: { state: 'interrupted' } });
    expect(types().at(-1)).toBe('state:running->interrupted(cancelled)');
    const again = await client.control(id, 'cancel');
    expect(again).toMatchObject({ status: 200, body: { state: 'interrupted' } });
    expect(types().filter((type) => type.includes('interrupted'))).toHaveLength(1);
  });

  test('a multi-turn conversation: idle after each answer, a message starts the next turn, the idle window ends it', async () => {
    const server = await startServer();
    const client = api(server);
    const fixture = scenarios.conversation;
    const { body } = await client.create({
      input: 'Help me plan a trip to Lisbon.',
      idle_timeout_s: 60,
      metadata: { scenario: 'conversation' },
    });
    let events = await client.drain(body.id, true);
    expect(summarize(events).slice(-2)).toEqual(['answer', 'state:running->idle(answered)']);
    expect((await client.get(body.id)).body).toMatchObject({
      state: 'idle',
      turn: 1,
      answer: answerOf(fixture, 0),
    });
    // Force and pause have nothing to do on an idle session.
    expect((await client.control(body.id, 'force-answer')).body.state).toBe('idle');
    expect((await client.control(body.id, 'pause')).body.state).toBe('idle');
    const woken = await client.message(body.id, 'Three days in May; food and history.');
    expect(woken.body.session).toMatchObject({ state: 'running', turn: 2 });
    const turn2 = server.sessions.get(body.id)!.events.slice(events.length);
    expect(summarize(turn2)).toEqual(['message_received', 'state:idle->running(message)']);
    expect(turn2.every((event) => event.turn === 2)).toBe(true);
    events = await client.drain(body.id, true);
    expect((await client.get(body.id)).body).toMatchObject({
      turn: 2,
      answer: answerOf(fixture, 1),
    });
    const idleAt = Date.parse(events.at(-1)!.created_at);
    events = await client.drain(body.id);
    expect(events.at(-1)!.data).toEqual({ from: 'idle', to: 'completed', reason: 'idle_timeout' });
    expect(Date.parse(events.at(-1)!.created_at) - idleAt).toBe(60_000);
  });

  test('the last turn repeats when the fixture has no more', async () => {
    const server = await startServer();
    const client = api(server);
    const last = answerOf(scenarios.conversation, scenarios.conversation.turns.length - 1);
    const { body } = await client.create({
      input: 'Hi',
      idle_timeout_s: 30,
      metadata: { scenario: 'conversation' },
    });
    await client.drain(body.id, true);
    for (let turn = 2; turn <= 5; turn++) {
      await client.message(body.id, `Message ${turn}`);
      await client.drain(body.id, true);
    }
    expect((await client.get(body.id)).body).toMatchObject({ turn: 5, answer: last });
  });

  test('the failure scenario ends failed with an error event', async () => {
    const server = await startServer();
    const client = api(server);
    const { body } = await client.create({
      input: 'Sum the sales.',
      metadata: { scenario: 'failure' },
    });
    const events = await client.drain(body.id);
    expect(summarize(events).slice(-2)).toEqual(['error', 'state:running->failed(failed)']);
    expect(events.at(-2)!.data).toEqual(
      (scenarios.failure.turns[0]!.end as { error: object }).error,
    );
  });
});

describe('control of a finished session is a 409 invalid_state', () => {
  const controls = [
    ['message', (client: ReturnType<typeof api>, id: string) => client.message(id, 'Hello?')],
    ['pause', (client: ReturnType<typeof api>, id: string) => client.control(id, 'pause')],
    ['resume', (client: ReturnType<typeof api>, id: string) => client.control(id, 'resume')],
    [
      'force-answer',
      (client: ReturnType<typeof api>, id: string) => client.control(id, 'force-answer'),
    ],
    ['cancel', (client: ReturnType<typeof api>, id: string) => client.control(id, 'cancel')],
  ] as const;

  test.each(['completed', 'failed', 'interrupted'] as const)('%s', async (state) => {
    const server = await startServer();
    const client = api(server);
    const scenario = state === 'failed' ? 'failure' : 'short-answer';
    const { body } = await client.create({ input: 'Go.', metadata: { scenario } });
    if (state === 'interrupted') await client.control(body.id, 'cancel');
    else await client.drain(body.id);
    const before = server.sessions.get(body.id)!.events.length;
    for (const [name, send] of controls) {
      const reply = await send(client, body.id);
      if (state === 'interrupted' && name === 'cancel') {
        expect(reply.status).toBe(200);
        continue;
      }
      expect(reply.status, name).toBe(409);
      expect(reply.body).toMatchObject({ code: 'invalid_state', state, status: 409 });
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(server.sessions.get(body.id)!.events).toHaveLength(before);
  });
});
