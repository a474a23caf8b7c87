import { createMockHandlers } from '@agent-sessions/mock-server/msw';
import { setupWorker } from 'msw/browser';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AgentSessions, DEFAULT_BASE_URL, type FetchLike, isEventType } from '../src/index.ts';
import { MSW_WORKER_URL } from './msw-worker-url.ts';

// sdk-web against the mock engine running in this page behind a real service worker
// (`setupWorker`): the page's requests to the SDK's default base URL (unreachable from here) go
// to the worker, which hands them to the engine's MSW handlers in the page and sends back their
// answers. No server, no proxy; the test checks the engine directly instead of `/_mock`.
const { handlers, engine } = createMockHandlers();
const worker = setupWorker(...handlers);

beforeAll(async () => {
  await worker.start({
    serviceWorker: { url: MSW_WORKER_URL },
    quiet: true,
    onUnhandledRequest: 'bypass',
  });
});
afterEach(() => engine.faults.clear());
afterAll(() => {
  // Stopped, not unregistered: the worker stays installed for the later test files of this
  // browser context and lets their requests through untouched (it forwards only the requests of
  // pages that started it). Unregistering would leave it half-gone for the next file that starts it.
  worker.stop();
  engine.close();
});

/** A client at the default base URL whose `fetch` records how each attempt ended. */
function client() {
  const attempts: string[] = [];
  const fetch: FetchLike = async (input, init) => {
    try {
      const response = await globalThis.fetch(input, init);
      attempts.push(String(response.status));
      return response;
    } catch (error) {
      attempts.push((error as Error).name);
      throw error;
    }
  };
  const sdk = new AgentSessions({ apiKey: 'test-key', dangerouslyAllowBrowser: true, fetch });
  return { sdk, attempts };
}

describe('sdk-web against createMockHandlers in a service worker', () => {
  test('the page is controlled by the MSW worker', () => {
    expect(navigator.serviceWorker.controller?.scriptURL).toMatch(/\/msw-service-worker\.js$/);
  });

  test('start -> watch -> answer at the default base URL', async () => {
    const { sdk } = client();
    const session = await sdk.sessions.start({
      input: 'Find the bug',
      metadata: { scenario: 'tool-calls' },
    });
    const types: string[] = [];
    let answer: string | undefined;
    for await (const event of session.watch()) {
      types.push(event.type);
      if (isEventType(event, 'answer')) answer = event.data.content;
    }
    expect(answer).toBeTruthy();
    expect(types).toContain('tool_called');
    expect((await session.status()).state).toBe('completed');
    // The engine behind the worker holds exactly what the page saw.
    const inspected = engine.sessions.get(session.id);
    expect(inspected?.events.map((event) => event.type)).toEqual(types);
    expect(DEFAULT_BASE_URL).toBe('https://api.agent-sessions.dev');
  });

  test('steering: pause, a message resumes it, force an answer', async () => {
    const { sdk } = client();
    const session = await sdk.sessions.start({ input: 'Plan', metadata: { scenario: 'slow' } });
    expect((await session.pause()).state).toBe('paused');
    await session.send('Only by train');
    expect((await session.status()).state).toBe('running');
    await session.forceAnswer();
    const answers: { content: string; forced: boolean }[] = [];
    for await (const event of session.watch())
      if (isEventType(event, 'answer')) answers.push(event.data);
    expect(answers).toEqual([{ content: expect.any(String), forced: true }]);
    const log = engine.sessions.get(session.id)?.events ?? [];
    const messages = log.flatMap((e) =>
      isEventType(e, 'message_received') ? [e.data.content] : [],
    );
    expect(messages).toEqual(['Plan', 'Only by train']);
    const states = log.flatMap((e) => (isEventType(e, 'state_changed') ? [e.data.to] : []));
    expect(states).toEqual(expect.arrayContaining(['paused', 'running', 'completed']));
  });

  test('a reset fault is a network error; the SDK retries and gets the answer', async () => {
    const { sdk, attempts } = client();
    const session = await sdk.sessions.start({ input: 'hi' });
    engine.faults.add({ operation: 'getSession', call: 1, kind: 'reset' });
    await expect(globalThis.fetch(`${DEFAULT_BASE_URL}/v1/sessions/${session.id}`)).rejects.toThrow(
      TypeError,
    );
    engine.faults.add({ operation: 'getSession', call: 1, kind: 'reset' });
    attempts.length = 0;
    expect((await session.status()).id).toBe(session.id);
    expect(attempts).toEqual(['TypeError', '200']);
    // The engine's journal saw both: the dropped attempt (status 0) and the retry.
    const calls = engine.journal.list({ operation: 'getSession', sessionId: session.id });
    expect(calls.map((call) => [call.status, call.fault])).toEqual([
      [0, 'reset'],
      [0, 'reset'],
      [200, null],
    ]);
  });

  test('a watch stopped by its signal ends at once in the page; its poll ends on the engine clock', async () => {
    // MSW's service worker does not forward a page's abort to the handler (in Node it does),
    // so the engine keeps the abandoned long-poll parked until an event or its wait bound:
    // what a real server sees of a client whose connection has not closed yet. Its own engine
    // with a clock that stands still, so the poll stays parked until the test moves it.
    const baseUrl = 'https://still.agent-sessions.test';
    const still = createMockHandlers({ baseUrl, autoAdvance: false });
    worker.use(...still.handlers);
    try {
      const sdk = new AgentSessions({ apiKey: 'test-key', dangerouslyAllowBrowser: true, baseUrl });
      const session = await sdk.sessions.start({ input: 'wait' });
      const stop = new AbortController();
      const seen: string[] = [];
      const watching = (async () => {
        for await (const event of session.watch({ signal: stop.signal })) seen.push(event.type);
      })();
      await expect.poll(() => still.engine.stats().parked).toBe(1);
      stop.abort();
      await expect(watching).rejects.toThrow();
      expect(seen).toEqual(
        still.engine.sessions.get(session.id)?.events.map((event) => event.type),
      );
      still.engine.clock.advance(60_000);
      await expect.poll(() => still.engine.stats().parked).toBe(0);
    } finally {
      worker.resetHandlers();
      still.engine.close();
    }
  });

  test('a dribble fault: the SDK reads the slowly sent body whole through the worker', async () => {
    const { sdk } = client();
    const session = await sdk.sessions.start({ input: 'hi' });
    engine.faults.add({
      operation: 'getSession',
      call: 1,
      kind: 'dribble',
      chunkBytes: 32,
      pauseMs: 1,
    });
    expect((await session.status()).id).toBe(session.id);
    expect(engine.journal.count({ operation: 'getSession', sessionId: session.id })).toBe(1);
  });

  test('a rate_limit fault is answered through the worker with its Retry-After', async () => {
    engine.faults.add({ operation: 'listSessions', call: 1, kind: 'rate_limit', retryAfterS: 0 });
    const response = await globalThis.fetch(`${DEFAULT_BASE_URL}/v1/sessions`, {
      headers: { Authorization: 'Bearer test-key' },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('0');
    expect((await response.json()).code).toBe('rate_limited');
  });
});
