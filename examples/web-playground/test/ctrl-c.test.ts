import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

const terminalEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_|init_cwd$)/i.test(name)),
  );

// Ctrl-C in a terminal sends SIGINT to every process of the foreground group: the root pnpm,
// its shell, turbo, the inner pnpm and the playground itself. Each layer must let the
// playground close both servers and pass its exit status 0 up, printing nothing more.
test('Ctrl-C on `pnpm playground` stops it quietly with exit status 0', async () => {
  const child = spawn('pnpm', ['playground'], {
    cwd: repoRoot,
    detached: true, // its own process group, as a terminal's foreground job
    stdio: ['ignore', 'pipe', 'pipe'],
    // As from a terminal: without the npm_*/PNPM_* variables of the pnpm that runs this test.
    env: { ...terminalEnv(), PLAYGROUND_PORT: '0' },
  });
  let output = '';
  let interrupted = false;
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Press Ctrl-C') && !interrupted) {
          interrupted = true;
          process.kill(-child.pid!, 'SIGINT');
          resolve();
        }
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', () =>
        reject(new Error(`the playground ended before it started:\n${output}`)),
      );
    });
    const { code, signal } = await exited;
    const afterReady = output.slice(output.indexOf('Press Ctrl-C'));
    expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    expect(afterReady).not.toMatch(/ERR_PNPM|ELIFECYCLE|Error/);
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
});
