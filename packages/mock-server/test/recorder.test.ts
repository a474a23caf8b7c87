import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { recordSession, scenarios, stringifyFixture } from '../src/index.js';
import { api, startServer } from './support/server.js';

const run = promisify(execFile);

// Plays one session on a fresh server: create, then a message each time it goes idle.
async function playSession(
  server: Awaited<ReturnType<typeof startServer>>,
  scenario: string,
  messages: string[],
) {
  const client = api(server);
  const { body } = await client.create({
    input: 'Compare the options.',
    idle_timeout_s: messages.length > 0 ? 30 : 0,
    metadata: { scenario },
  });
  await client.drain(body.id, true);
  for (const message of messages) {
    await client.message(body.id, message);
    await client.drain(body.id, true);
  }
  return { id: body.id, events: await client.drain(body.id) };
}

describe('the recorder', () => {
  test.each([
    ['delegation', []],
    ['tool-calls', []],
    ['failure', []],
    ['conversation', ['In May.', 'Add a day trip.']],
  ])(
    'round trip: record a %s session, replay it, get the same events',
    async (scenario, messages) => {
      const original = await startServer();
      const played = await playSession(original, scenario, messages);
      const fixture = await recordSession({
        baseUrl: original.url,
        sessionId: played.id,
        apiKey: 'test-key',
        name: 'recorded',
      });
      const replay = await startServer({ fixtures: [fixture] });
      const replayed = await playSession(replay, 'recorded', messages);
      expect(replayed.events).toEqual(played.events);
    },
  );

  test('a forced answer is recorded as the fixture forced answer', async () => {
    const server = await startServer({ autoAdvance: false });
    const client = api(server);
    const { body } = await client.create({ input: 'x', metadata: { scenario: 'slow' } });
    server.clock.advance(5_000);
    await client.control(body.id, 'force-answer');
    server.clock.advance(60_000);
    const fixture = await recordSession({
      baseUrl: server.url,
      sessionId: body.id,
      apiKey: 'test-key',
    });
    expect(fixture.name).toBe(`recorded-${body.id.replace('_', '-')}`);
    expect(fixture.forced).toEqual({ ...scenarios.slow.forced });
    expect(fixture.turns[0]!.end).toEqual({ answer: scenarios.slow.forced.answer });
  });

  test('a session that is not finished is refused', async () => {
    const server = await startServer({ autoAdvance: false });
    const { body } = await api(server).create({ input: 'x' });
    await expect(
      recordSession({ baseUrl: server.url, sessionId: body.id, apiKey: 'test-key' }),
    ).rejects.toThrow(`Cannot record session ${body.id}: it is queued, not finished.`);
    await expect(
      recordSession({ baseUrl: server.url, sessionId: body.id, apiKey: 'wrong' }),
    ).rejects.toThrow(/status 401/);
  });

  // It runs the CLI as a child process (through tsx): slow on a loaded machine.
  test('the CLI record command writes the canonical fixture file', {
    timeout: 60_000,
  }, async () => {
    const server = await startServer();
    const played = await playSession(server, 'tool-calls', []);
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    try {
      const out = join(dir, 'tool-run.json');
      await run(process.execPath, [
        '--import',
        'tsx',
        'src/node/cli.ts',
        'record',
        '--url',
        server.url,
        '--session',
        played.id,
        '--name',
        'tool-run',
        '--out',
        out,
      ]);
      const expected = await recordSession({
        baseUrl: server.url,
        sessionId: played.id,
        apiKey: 'test-key',
        name: 'tool-run',
      });
      expect(readFileSync(out, 'utf8')).toBe(stringifyFixture(expected));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
