import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';

const run = promisify(execFile);
let child: ChildProcess | undefined;

afterEach(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

// Starts the CLI (from source) and resolves to the URL it prints.
async function startCli(args: string[]): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/node/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child!.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)));
  });
}

// These tests start the CLI as a child process (through tsx): slow on a loaded 2-core machine.
describe('agent-sessions-mock', { timeout: 60_000 }, () => {
  test("the README's curl walk-through works as written", async () => {
    const url = await startCli(['--port', '0', '--fixtures', 'fixtures', '--speed', '1']);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const script = /<!-- walkthrough -->\n```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    // The one change: the port the test's server got instead of 4010.
    const { stdout } = await run('bash', [
      '-e',
      '-o',
      'pipefail',
      '-c',
      script.replaceAll('http://127.0.0.1:4010', url),
    ]);
    const lines = stdout.trim().split('\n');
    const [id, changes, ...rest] = lines;
    expect(id).toMatch(/^ses_/);
    expect(JSON.parse(changes!)).toMatchObject({
      state: 'running',
      events: [{ index: 2 }, { index: 3 }],
    });
    const replies = rest.map((line) => JSON.parse(line));
    expect(replies[0].message_id).toMatch(/^msg_/);
    expect(replies.slice(0, 5).map((reply) => (reply.session ?? reply).state)).toEqual([
      'running',
      'paused',
      'running',
      'running',
      'interrupted',
    ]);
    const events = replies[5].data.filter((event: any) => event.type === 'state_changed');
    expect(events.map((event: any) => event.data.reason)).toEqual([
      'created',
      'started',
      'paused',
      'resumed',
      'cancelled',
    ]);
  });

  test('--help prints the usage; a bad option fails with it', async () => {
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      'src/node/cli.ts',
      '--help',
    ]);
    expect(stdout).toContain('agent-sessions-mock [serve] [--port 4010]');
    await expect(
      run(process.execPath, ['--import', 'tsx', 'src/node/cli.ts', '--speed', '0']),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('--speed: expected a number > 0') });
  });
});
