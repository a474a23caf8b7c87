import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CliProcess, envFor } from './run-cli.js';

// The server's clock stands still (no auto-advance): a followed session waits, parked, for as
// long as the test likes, and nothing about it moves unless the test says so.
let server: MockServer;
let cli: CliProcess | undefined;
beforeAll(async () => {
  server = await createMockServer({ autoAdvance: false });
});
afterEach(async () => {
  await cli?.stop();
  cli = undefined;
  server.reset();
});
afterAll(() => server.close());

/** Starts the CLI, waits for the first events of the session it follows, returns its id. */
async function following(argv: string[]): Promise<{ id: string; cli: CliProcess }> {
  cli = new CliProcess(argv, envFor(server.url));
  await cli.waitFor(/"message_received"/);
  const sessions = server.sessions.list();
  expect(sessions).toHaveLength(1);
  return { id: sessions[0]!.id, cli };
}

// Children run through tsx: slow to start on a loaded machine.
describe('Ctrl-C', { timeout: 60_000 }, () => {
  test('during run: detaches, exit 130, the session still running, how to follow it again on stderr', async () => {
    const { id, cli } = await following(['run', 'x', '--metadata', 'scenario=slow']);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual({ code: 130, signal: null });
    expect(cli.stderr).toBe(
      `agent-sessions: detached; ${id} is still running. Follow it again with: agent-sessions watch ${id} --from 2\n`,
    );
    expect(server.sessions.get(id)!.session.state).toBe('queued');
    expect(server.journal.count({ operation: 'cancelSession' })).toBe(0);
  });

  test('during watch with --cancel-on-exit: cancels the session, exit 130', async () => {
    const started = await server.fetch('/v1/sessions', {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'x', metadata: { scenario: 'slow' } }),
    });
    const { id } = (await started.json()) as { id: string };
    cli = new CliProcess(['watch', id, '--cancel-on-exit'], envFor(server.url));
    await cli.waitFor(/"message_received"/);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual({ code: 130, signal: null });
    expect(cli.stderr).toBe(`agent-sessions: cancelled ${id} (interrupted)\n`);
    expect(server.sessions.get(id)!.session.state).toBe('interrupted');
  });

  test('--cancel-on-exit whose cancel fails: says so in one line, still exit 130', async () => {
    server.faults.add({ operation: 'cancelSession', kind: 'server_error', status: 500 });
    const { id, cli } = await following([
      'run',
      'x',
      '--metadata',
      'scenario=slow',
      '--cancel-on-exit',
    ]);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual({ code: 130, signal: null });
    expect(cli.stderr).toMatch(new RegExp(`^agent-sessions: could not cancel ${id}: .*500.*\n$`));
    expect(server.sessions.get(id)!.session.state).toBe('queued');
  });

  test('a second Ctrl-C exits at once, while the cancel still waits for its answer', async () => {
    // The cancel's answer is held on the server's clock, which does not move.
    server.faults.add({ operation: 'cancelSession', kind: 'delay', delayMs: 3_600_000 });
    const { cli } = await following([
      'run',
      'x',
      '--metadata',
      'scenario=slow',
      '--cancel-on-exit',
    ]);
    cli.child.kill('SIGINT');
    while (server.journal.count({ operation: 'cancelSession' }) === 0 && server.stats().held === 0)
      await new Promise((resolve) => setTimeout(resolve, 20));
    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual({ code: 130, signal: null });
    expect(cli.stderr).not.toContain('cancelled');
  });
});
