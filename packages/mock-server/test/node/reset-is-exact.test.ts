// `afterEach(() => server.reset())` plus journal assertions is what the testing guide teaches:
// requests still in flight when reset() runs belong to the test before, never to the next one.
import { describe, expect, test } from 'vitest';
import { api, startServer } from '../support/server.js';

describe('reset() draws a line under everything before it', () => {
  test('parked watches and a held delay answered after reset() are not in the fresh journal', async () => {
    const server = await startServer({ autoAdvance: false });
    const client = api(server);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await client.create({ input: 'x', metadata: { scenario: 'slow' } })).body.id);
    }
    // Past the events already there: every poll parks.
    const from = server.sessions.get(ids[0]!)!.events.length + 50;
    const polls = ids.map((id) => client.changes(id, from, 30));
    server.faults.add({ operation: 'getSession', call: 1, kind: 'delay', delayMs: 60_000 });
    const held = client.get(ids[0]!);
    await expect.poll(() => server.stats()).toMatchObject({ parked: 5, held: 1 });

    server.reset();
    expect(server.stats()).toMatchObject({ journal: 0, parked: 0, held: 0, sessions: 0 });
    const answers = await Promise.all(polls);
    await held;
    expect(server.journal.count()).toBe(0);
    expect(server.journal.count({ operation: 'getSessionChanges' })).toBe(0);
    expect(server.stats().journal).toBe(0);

    // Polls of a wiped session are told it is gone, not handed an empty page that looks live.
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'not_found' });
      expect((answer.body as unknown as { detail: string }).detail).toMatch(/removed|reset/);
    }
    // The next test's requests are journaled as usual.
    await client.create({ input: 'next test' });
    expect(server.journal.list().map((e) => e.operation)).toEqual(['createSession']);
  });

  test('a keyed start whose body was still arriving at reset() creates nothing in the fresh state', async () => {
    const server = await startServer({ autoAdvance: false });
    const { hostname, port } = new URL(server.url);
    const { connect } = await import('node:net');
    const socket = connect({ host: hostname, port: Number(port) });
    await new Promise((resolve) => socket.once('connect', resolve));
    const body = '{"input":"before the reset"}';
    // With `Expect: 100-continue` the server asks for the body only once the engine reads it.
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer test-key\r\nContent-Type: application/json\r\nIdempotency-Key: k1\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk;
    });
    const seen = (what: string) =>
      new Promise<void>((resolve) => {
        const look = () => {
          if (!data.includes(what)) return;
          socket.off('data', look);
          resolve();
        };
        socket.on('data', look);
        look();
      });
    await seen('100 Continue');
    server.reset();
    socket.write(body);
    await seen('}');
    const text = data.slice(data.indexOf('\r\n\r\n') + 4);
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 503/);
    expect(server.stats()).toMatchObject({ sessions: 0, idempotencyKeys: 0, journal: 0 });
  });
});
