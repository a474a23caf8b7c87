import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

// The app as it runs in production: `next build`, then `next start` in a process group of its
// own on 127.0.0.1, stopped (the whole group) whatever happens.

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** A running `next start`. */
export interface NextServer {
  /** The app's address, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Stops the server's process group (SIGTERM, then SIGKILL after 5 s). */
  close(): Promise<void>;
}

const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
});

/** Runs `node next <args>` in the app's folder in its own process group. */
function runNext(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd: appDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const killer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited(child);
  clearTimeout(killer);
}

/** `next build` into `.next`; rejects with the build's output if it fails or runs past `timeoutMs`. */
export async function buildApp(timeoutMs = 240_000): Promise<{ ms: number }> {
  const started = performance.now();
  const { child, output } = runNext(['build'], baseEnv());
  const timer = setTimeout(() => void stopGroup(child), timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) {
      throw new Error(`next build failed (exit ${code}, limit ${timeoutMs} ms):\n${output()}`);
    }
    return { ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
    await stopGroup(child);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `next start` on a free port of 127.0.0.1 with `env` added to its environment; resolves once
 * it answers HTTP (within `timeoutMs`).
 */
export async function startApp(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<NextServer> {
  const port = await freePort();
  // Idle connections are kept for a minute, not Node's 5 s: a test that picks up a connection
  // as the server closes it gets a reset (a CI run lost every asset of a page that way).
  const args = ['start', '-H', '127.0.0.1', '-p', String(port), '--keepAliveTimeout', '60000'];
  const { child, output } = runNext(args, { ...baseEnv(), ...env });
  const url = `http://127.0.0.1:${port}`;
  const server: NextServer = { url, output, close: () => stopGroup(child) };
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`next start ended before it answered:\n${output()}`);
      }
      if (Date.now() > deadline)
        throw new Error(`next start did not answer in ${timeoutMs} ms:\n${output()}`);
      const answered = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.body?.cancel().then(() => true) ?? true,
        () => false,
      );
      if (answered) return server;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await server.close();
    throw error;
  }
}
