// A dribble fault's pause timer must not outlive the response it paces: close() promised no
// handles left, yet a 60 s pause kept the process alive for a minute after close resolved.
import { setupServer } from 'msw/node';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createMockHandlers } from '../../src/entries/msw.js';
import { createMockServer } from '../../src/index.js';

const timeouts = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

/** Waits (a bounded number of event-loop turns) until the active timers are back to `count`. */
async function timersBackTo(count: number): Promise<number> {
  for (let turn = 0; turn < 200 && timeouts() > count; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return timeouts();
}

const auth = { Authorization: 'Bearer test-key' };
const PAUSE = { chunkBytes: 8, pauseMs: 60_000 } as const;

describe('a dribble fault leaves no timer behind', () => {
  test('close() during a 60 s dribble pause: the body completes at once and no timer is left', async () => {
    const server = await createMockServer({ closeGraceMs: 1_000 });
    server.faults.add({ operation: 'listSessions', kind: 'dribble', ...PAUSE });
    const before = timeouts();
    const response = await fetch(`${server.url}/v1/sessions`, { headers: auth });
    const reader = response.body!.getReader();
    const head = (await reader.read()).value!;
    expect(head).toHaveLength(8);
    await server.close();
    let text = Buffer.from(head).toString();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    expect(JSON.parse(text)).toMatchObject({ data: [] });
    expect(await timersBackTo(before)).toBeLessThanOrEqual(before);
  });

  test('a client that stops reading mid-body (over HTTP) ends the pause and its timer', async () => {
    const server = await createMockServer();
    onTestFinished(() => server.close());
    server.faults.add({ operation: 'listSessions', kind: 'dribble', ...PAUSE });
    const before = timeouts();
    const aborter = new AbortController();
    const response = await fetch(`${server.url}/v1/sessions`, {
      headers: auth,
      signal: aborter.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    aborter.abort();
    expect(await timersBackTo(before)).toBeLessThanOrEqual(before);
  });

  test('through MSW, a client aborting mid-body ends the pause at once; engine.close() ends the rest', async () => {
    const { handlers, engine } = createMockHandlers({ baseUrl: 'https://dribble.test' });
    const msw = setupServer(...handlers);
    msw.listen({ onUnhandledRequest: 'error' });
    onTestFinished(() => {
      msw.close();
      engine.close();
    });
    engine.faults.add({ operation: 'listSessions', kind: 'dribble', ...PAUSE });
    const before = timeouts();
    const aborter = new AbortController();
    const first = await fetch('https://dribble.test/v1/sessions', {
      headers: auth,
      signal: aborter.signal,
    });
    const reader = first.body!.getReader();
    await reader.read();
    aborter.abort();
    await expect(reader.read()).resolves.toMatchObject({ done: true });
    expect(await timersBackTo(before)).toBeLessThanOrEqual(before);

    // A reader that just stops (MSW does not pass a body's cancel() on to the handler's
    // stream): engine.close() sends the rest without pauses and clears the timer.
    const second = await fetch('https://dribble.test/v1/sessions', { headers: auth });
    const secondReader = second.body!.getReader();
    await secondReader.read();
    engine.close();
    for (;;) if ((await secondReader.read()).done) break;
    expect(await timersBackTo(before)).toBeLessThanOrEqual(before);
  });
});
