import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMockServer } from '@agent-sessions/mock-server';
import { describe, expect, test } from 'vitest';
import { answerOf, CliProcess, envFor, PACKAGE_DIR } from './run-cli.js';

const run = promisify(execFile);

// Children run through tsx: slow to start on a loaded machine.
describe('the agent-sessions process', { timeout: 60_000 }, () => {
  test('AGENT_SESSIONS_LOG logs to stderr: stdout stays the JSON a script reads', async () => {
    const server = await createMockServer();
    try {
      const cli = new CliProcess(['run', 'x'], envFor(server.url, { AGENT_SESSIONS_LOG: 'debug' }));
      expect(await cli.exited).toEqual({ code: 0, signal: null });
      const lines = cli.stdout.trim().split('\n');
      expect(lines.map((line) => JSON.parse(line)).at(-1)).toMatchObject({ state: 'completed' });
      expect(cli.stderr).toMatch(/POST \/v1\/sessions .*201/);
      expect(cli.stderr).not.toContain('test-key');
    } finally {
      await server.close();
    }
  });

  test('chat in a pipe: each line read is the next turn, NDJSON per turn, exit 0 at the end of input', async () => {
    const server = await createMockServer();
    try {
      const cli = new CliProcess(
        ['chat', '--metadata', 'scenario=conversation'],
        envFor(server.url),
        'Plan a weekend\n\nThree days in May\n',
      );
      expect(await cli.exited).toEqual({ code: 0, signal: null });
      const lines = cli.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const [session] = server.sessions.list();
      expect(
        lines.filter((line) => line.type === 'answer').map((line) => line.data.content),
      ).toEqual([answerOf('conversation', 0), answerOf('conversation', 1)]);
      // Each turn ends with the snapshot; the events between are the server's, each once.
      const events = lines.filter((line) => line.index !== undefined);
      expect(events).toEqual(server.sessions.get(session!.id)!.events);
      expect(lines.at(-1)).toMatchObject({
        id: session!.id,
        state: 'idle',
        turn: 2,
        idle_timeout_s: 600,
      });
    } finally {
      await server.close();
    }
  });

  test('the committed bin shim runs the built CLI, and says so in one line when it is not built', async () => {
    const manifest = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'agent-sessions': './bin/agent-sessions.mjs' });
    expect(manifest.files).toContain('bin');
    const copy = await mkdtemp(join(tmpdir(), 'sdk-node-bin-'));
    try {
      await mkdir(join(copy, 'bin'));
      await copyFile(
        join(PACKAGE_DIR, manifest.bin['agent-sessions']),
        join(copy, 'bin', 'agent-sessions.mjs'),
      );
      const failure = await run(process.execPath, [join(copy, 'bin', 'agent-sessions.mjs')]).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure).toMatchObject({
        code: 1,
        stderr:
          'agent-sessions: the CLI is not built (dist/cli.js is missing); run `pnpm build` first\n',
      });
      await mkdir(join(copy, 'dist'));
      await writeFile(
        join(copy, 'dist', 'cli.js'),
        "console.log('cli loaded', process.argv.slice(2).join(' '));\n",
      );
      const { stdout } = await run(process.execPath, [
        join(copy, 'bin', 'agent-sessions.mjs'),
        'ls',
      ]);
      expect(stdout).toBe('cli loaded ls\n');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
