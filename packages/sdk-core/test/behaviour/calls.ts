import { describe, expect, test } from 'vitest';
import type { BehaviourEnv } from './env.js';
import { storedSession } from './stored-session.js';
import { trackingFetch } from './tools.js';

/** Every public method, reached both ways: through a handle and as a direct call by id. */
export function defineCallTests(env: BehaviourEnv) {
  const start = (scenario: string, extra: { idle_timeout_s?: number } = {}) =>
    env
      .createClient()
      .sessions.start({ input: `play ${scenario}`, metadata: { scenario }, ...extra });

  describe('calls, through a handle and directly by id', () => {
    test('start returns a handle at once; the server has the session, its input and metadata', async () => {
      const session = await start('short-answer');
      const { session: stored, events } = await storedSession(env.control, session.id);
      expect(stored.state).toBe('queued');
      // The handle carries the Session the API created.
      expect(session.snapshot).toEqual(stored);
      expect(stored.metadata).toEqual({ scenario: 'short-answer' });
      expect(events[1]).toMatchObject({
        type: 'message_received',
        data: { content: 'play short-answer' },
      });
    });

    test('get makes a handle from an id without any request', () => {
      const tracker = trackingFetch();
      const client = env.createClient({ fetch: tracker.fetch });
      const handle = client.sessions.get('ses_anything');
      expect(handle.id).toBe('ses_anything');
      expect(tracker.requests).toHaveLength(0);
    });

    test('status: the same snapshot both ways, equal to the server state', async () => {
      const client = env.createClient();
      const { id } = await start('short-answer');
      const viaHandle = await client.sessions.get(id).status();
      const direct = await client.sessions.status(id);
      expect(viaHandle).toEqual(direct);
      expect(direct).toEqual((await storedSession(env.control, id)).session);
    });

    test('changes: the events from a cursor, the next cursor, the state; both ways', async () => {
      const client = env.createClient();
      const { id } = await start('short-answer');
      const { events: log } = await storedSession(env.control, id);
      const viaHandle = await client.sessions.get(id).changes({ from: 1 });
      const direct = await client.sessions.changes(id, { from: 1 });
      expect(viaHandle).toEqual(direct);
      expect(direct.events).toEqual(log.slice(1));
      expect(direct).toMatchObject({
        next: log.length,
        state: 'queued',
        terminal: false,
        answer: null,
      });
    });

    test('watch: every event in order until terminal, equal to the log; both ways', async () => {
      const client = env.createClient();
      const { id } = await start('delegation');
      const viaHandle = [];
      for await (const event of client.sessions.get(id).watch()) viaHandle.push(event);
      const direct = [];
      for await (const event of client.sessions.watch(id, { from: 3 })) direct.push(event);
      const { events: log, session } = await storedSession(env.control, id);
      expect(session.state).toBe('completed');
      expect(viaHandle).toEqual(log);
      expect(direct).toEqual(log.slice(3));
    });

    test('events: iterating pages through the whole log; awaiting gives one page; both ways', async () => {
      const client = env.createClient();
      const { id } = await client.sessions
        .run({ input: 'x', metadata: { scenario: 'tool-calls' } })
        .then((r) => r.session);
      const { events: log } = await storedSession(env.control, id);
      const viaHandle = [];
      for await (const event of client.sessions.get(id).events({ limit: 3 })) viaHandle.push(event);
      const direct = [];
      for await (const event of client.sessions.events(id, { from: 2, limit: 4 }))
        direct.push(event);
      expect(viaHandle).toEqual(log);
      expect(direct).toEqual(log.slice(2));
      const page = await client.sessions.events(id, { limit: 2 });
      expect(page).toEqual({ data: log.slice(0, 2), next: 2, has_more: true });
    });

    test('list: awaiting gives a page; iterating reaches every session', async () => {
      const client = env.createClient();
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await start('short-answer')).id);
      const page = await client.sessions.list({ limit: 1 });
      expect(page.data).toHaveLength(1);
      expect(page.has_more).toBe(true);
      const all = [];
      for await (const session of client.sessions.list({ limit: 2 })) all.push(session.id);
      expect(all).toEqual(expect.arrayContaining(ids));
      expect(new Set(all).size).toBe(all.length);
    });

    test('send: the message reaches the agent, both ways', async () => {
      const client = env.createClient();
      const { id } = await start('slow');
      const viaHandle = await client.sessions.get(id).send('via the handle');
      const direct = await client.sessions.send(id, 'direct');
      expect(direct.session.id).toBe(id);
      await client.sessions.forceAnswer(id);
      for await (const _ of client.sessions.watch(id)) {
        // Runs the session to its end.
      }
      const received = (await storedSession(env.control, id)).events.filter((event) =>
        env.sdk.isEventType(event, 'message_received'),
      );
      expect(received.map((event) => event.data.content)).toEqual([
        'play slow',
        'via the handle',
        'direct',
      ]);
      // send() resolves with the id the message_received event names.
      expect(received.slice(1).map((event) => event.data.message_id)).toEqual([
        viaHandle.message_id,
        direct.message_id,
      ]);
    });

    test('pause and resume, both ways', async () => {
      const client = env.createClient();
      const { id } = await start('slow');
      const handle = client.sessions.get(id);
      expect((await handle.pause()).state).toBe('paused');
      expect((await handle.resume()).state).toBe('running');
      expect((await client.sessions.pause(id)).state).toBe('paused');
      expect((await client.sessions.resume(id)).state).toBe('running');
      const reasons = (await storedSession(env.control, id)).events
        .filter((event) => env.sdk.isEventType(event, 'state_changed'))
        .map((event) => event.data.reason);
      expect(reasons).toEqual(['created', 'paused', 'resumed', 'paused', 'resumed']);
    });

    test('forceAnswer: the agent answers on its next step, marked forced; both ways', async () => {
      const client = env.createClient();
      for (const force of [
        (id: string) => client.sessions.get(id).forceAnswer(),
        (id: string) => client.sessions.forceAnswer(id),
      ]) {
        const { id } = await start('slow');
        await force(id);
        const answer = await client.sessions.answer(id);
        const event = (await storedSession(env.control, id)).events.find(
          (e) => e.type === 'answer',
        );
        expect(event?.data).toEqual({ content: answer, forced: true });
      }
    });

    test('cancel: the session ends interrupted, both ways', async () => {
      const client = env.createClient();
      const a = await start('slow');
      const b = await start('slow');
      expect((await a.cancel()).state).toBe('interrupted');
      expect((await client.sessions.cancel(b.id)).state).toBe('interrupted');
      expect((await storedSession(env.control, b.id)).session.state).toBe('interrupted');
    });

    test('answer: the current turn final answer, both ways', async () => {
      const client = env.createClient();
      const { id } = await start('short-answer');
      const viaHandle = await client.sessions.get(id).answer();
      const direct = await client.sessions.answer(id);
      expect(viaHandle).toBe(direct);
      expect(direct).toBe((await storedSession(env.control, id)).session.answer);
    });

    test('ask: a multi-turn conversation, each reply the answer of its own turn; both ways', async () => {
      const client = env.createClient();
      const session = await start('conversation', { idle_timeout_s: 30 });
      const first = await session.answer();
      const second = await session.ask('Three days, food and views.');
      const third = await client.sessions.ask(session.id, 'Less walking, please.');
      const { events, session: stored } = await storedSession(env.control, session.id);
      const answers = events.filter((event) => env.sdk.isEventType(event, 'answer'));
      expect(answers.map((event) => [event.turn, event.data.content])).toEqual([
        [1, first],
        [2, second],
        [3, third],
      ]);
      expect(stored).toMatchObject({ state: 'idle', turn: 3 });
    });

    test('run: starts, waits, and gives the answer with the final snapshot', async () => {
      const client = env.createClient();
      const { answer, session } = await client.sessions.run({
        input: 'What is the capital of France?',
      });
      expect(session.state).toBe('completed');
      expect(answer).toBe(session.answer);
      expect((await storedSession(env.control, session.id)).session).toEqual(session);
    });

    test('withResponse gives the raw response and request id of any call', async () => {
      const client = env.createClient();
      const created = await client.sessions.start({ input: 'x' }).withResponse();
      expect(created.response.status).toBe(201);
      expect(created.data.id).toMatch(/^ses_/);
      const read = await client.sessions.get(created.data.id).status().withResponse();
      expect(read.requestId).toBe(read.response.headers.get('x-request-id'));
      expect(read.requestId).toBeTruthy();
      expect(read.data.id).toBe(created.data.id);
      const page = await client.sessions.list({ limit: 1 }).withResponse();
      expect(page.response.ok).toBe(true);
    });

    test('the input is itself the first message_received (msg_000001): one message sent makes two (as the guides say)', async () => {
      const client = env.createClient();
      const session = await client.sessions.start({
        input: 'first',
        metadata: { scenario: 'slow' },
      });
      const { message_id } = await session.send('second');
      await session.forceAnswer();
      await session.answer();
      const received = (await storedSession(env.control, session.id)).events.filter(
        (event) => event.type === 'message_received',
      );
      expect(received.map((event) => event.data)).toEqual([
        { message_id: 'msg_000001', content: 'first' },
        { message_id, content: 'second' },
      ]);
      expect(message_id).toBe('msg_000002');
    });
  });
}
