import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  test("the README's curl walk-through runs as written and shows each steering effect", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    // The server is started as the README says, on a free port instead of 4010.
    const command = /```sh\n(npx agent-sessions-mock [^\n]*)\n```\n\nthen/.exec(readme)![1]!;
    expect(command).toBe('npx agent-sessions-mock --port 4010 --virtual');
    const url = await startCli(
      command.replace('npx agent-sessions-mock ', '').replace('4010', '0').split(' '),
    );
    const script = /<!-- walkthrough -->\n```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const printed = /It prints:\n\n```text\n([\s\S]*?)```/.exec(readme)![1]!;
    const { stdout } = await run('bash', [
      '-e',
      '-u',
      '-o',
      'pipefail',
      '-c',
      script.replaceAll('http://127.0.0.1:4010', url),
    ]);
    // Exactly what the README says it prints: the message in the log, the paused session
    // still at the same step ten minutes later, the forced answer, the refusal, the cancel.
    expect(stdout).toBe(printed);
    expect(stdout).toMatch(/^in the log: "content":"Only use primary sources\."$/m);
    const [, pausedAt, stillAt] =
      /paused at step (\d+)\n10 minutes later: paused at step (\d+)/.exec(stdout)!;
    expect(Number(pausedAt)).toBeGreaterThan(0);
    expect(stillAt).toBe(pausedAt);
    expect(stdout).toMatch(/^completed, forced answer: .+$/m);
  });

  test('--help prints the usage; a usage mistake fails with it and exit code 2', async () => {
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      'src/node/cli.ts',
      '--help',
    ]);
    expect(stdout).toContain('agent-sessions-mock [serve] [--port 4010]');
    for (const args of [
      ['--speed', '0'],
      ['--bogus'],
      ['record', '--url', 'http://127.0.0.1:1'],
      ['--finished-sessions', 'lots'],
      ['--finished-ttl-ms', '-5'],
    ]) {
      const failure = await run(process.execPath, ['--import', 'tsx', 'src/node/cli.ts', ...args])
        .then(() => undefined)
        .catch((error: { code: number; stderr: string }) => error);
      expect(failure, args.join(' ')).toMatchObject({ code: 2 });
      expect(failure!.stderr).toMatch(/^agent-sessions-mock: .+\n\nUsage:/);
    }
  });

  test('--finished-sessions and --read-grace-ms set how many finished sessions are kept', async () => {
    const url = await startCli([
      '--port',
      '0',
      '--virtual',
      '--finished-sessions',
      '1',
      '--read-grace-ms',
      '0',
    ]);
    const headers = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };
    const finished = async () => {
      const created = await fetch(`${url}/v1/sessions`, {
        method: 'POST',
        headers,
        body: '{"input":"x"}',
      });
      const { id } = (await created.json()) as { id: string };
      await (await fetch(`${url}/v1/sessions/${id}/cancel`, { method: 'POST', headers })).text();
      return id;
    };
    const first = await finished();
    const second = await finished();
    await finished();
    expect((await fetch(`${url}/v1/sessions/${first}`, { headers })).status).toBe(404);
    expect((await fetch(`${url}/v1/sessions/${second}`, { headers })).status).toBe(200);
  });

  test('a runtime error of `record` is one line on stderr, without the usage, exit code 1', async () => {
    const failure = await run(process.execPath, [
      '--import',
      'tsx',
      'src/node/cli.ts',
      'record',
      '--url',
      'http://127.0.0.1:1',
      '--session',
      'ses_1',
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(
      /^agent-sessions-mock: fetch failed: .+\n$/,
    );
  });

  test('a port in use is one line on stderr, exit code 1', async () => {
    const url = await startCli(['--port', '0', '--virtual']);
    const failure = await run(process.execPath, [
      '--import',
      'tsx',
      'src/node/cli.ts',
      '--port',
      new URL(url).port,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(
      /^agent-sessions-mock: .*EADDRINUSE.*\n$/,
    );
  });

  test('the committed bin shim runs the built CLI, and says so in one line when it is not built', async () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    const shim = fileURLToPath(
      new URL(`../../${manifest.bin['agent-sessions-mock']}`, import.meta.url),
    );
    expect(manifest.files).toContain('bin');
    const copy = await mkdtemp(join(tmpdir(), 'mock-bin-'));
    try {
      // A copy of the package without dist/: what a fresh clone has before `pnpm build`.
      await mkdir(join(copy, 'bin'));
      await copyFile(shim, join(copy, 'bin', 'agent-sessions-mock.mjs'));
      const failure = await run(process.execPath, [
        join(copy, 'bin', 'agent-sessions-mock.mjs'),
      ]).catch((error: { code: number; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toBe(
        'agent-sessions-mock: the CLI is not built (dist/cli.js is missing); run `pnpm build` first\n',
      );
      // With a dist/cli.js, the shim loads it (a stand-in here, so the test needs no build).
      await mkdir(join(copy, 'dist'));
      await writeFile(
        join(copy, 'dist', 'cli.js'),
        "console.log('cli loaded', process.argv.slice(2).join(' '));\n",
      );
      const { stdout } = await run(process.execPath, [
        join(copy, 'bin', 'agent-sessions-mock.mjs'),
        '--help',
      ]);
      expect(stdout).toBe('cli loaded --help\n');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
