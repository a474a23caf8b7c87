// Helpers shared by the release scripts: child processes that are always cleaned up, a step
// runner that prints each step's result and time, and the list of publishable packages.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The packages the release publishes: every non-private package under `packages/`. */
export function publishablePackages(root = repoRoot) {
  const dir = join(root, 'packages');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const path = join(dir, entry.name);
      try {
        return { path, manifest: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) };
      } catch {
        return undefined;
      }
    })
    .filter((pkg) => pkg && !pkg.manifest.private)
    .map(({ path, manifest }) => ({ path, name: manifest.name, manifest }));
}

/**
 * Packs a package the way `pnpm publish` would (workspace: and catalog: ranges replaced) into
 * `dest`. Resolves with the tarball's path and the packed file paths.
 */
export async function packPackage(path, dest) {
  const output = await run('pnpm', ['pack', '--json', '--pack-destination', dest], { cwd: path });
  const { filename, files } = JSON.parse(output.slice(output.indexOf('{')));
  return { filename, files: files.map((file) => file.path) };
}

/** Imports a package installed in `project` (its ESM entry), from outside that project. */
export async function importInstalled(project, name) {
  const dir = join(project, 'node_modules', ...name.split('/'));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return import(pathToFileURL(join(dir, manifest.exports['.'].import.default)).href);
}

/** Reads one version from the catalog in pnpm-workspace.yaml (a flat `name: range` list). */
export function catalogVersion(name, root = repoRoot) {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = text.split(/^catalog:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  for (const line of block.split('\n')) {
    const match = line.match(/^\s+"?([^":#]+)"?:\s*(\S+)/);
    if (match && match[1] === name) return match[2];
  }
  throw new Error(`${name} is not in the catalog of pnpm-workspace.yaml`);
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const running = new Set();

// Every child runs in its own process group so that stopping it also stops whatever it
// started (npx -> npm -> node, pnpm -> turbo -> tsup...).
function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

/** Stops every process started through this module (and their process groups). */
export async function stopAll() {
  await Promise.all([...running].map(stopChild));
}

// npm warns about every pnpm setting it finds in the environment; that is noise in a report.
function tail(text, lines = 40) {
  return stripVTControlCharacters(text)
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('npm warn Unknown'))
    .slice(-lines)
    .join('\n');
}

/**
 * Starts a long-running process. `waitFor(regex)` resolves with the first match in its output;
 * `stop()` ends its whole process group. `stopAll()` stops it too.
 */
export function startProcess(command, args, { cwd, env } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const listeners = new Set();
  const onData = (chunk) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  child.on('exit', () => {
    running.delete(child);
    for (const listener of listeners) listener();
  });
  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) return finish(() => resolve(match));
          if (child.exitCode !== null || child.signalCode !== null) {
            finish(() =>
              reject(new Error(`${command} exited before printing ${pattern}:\n${tail(output)}`)),
            );
          }
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`no ${pattern} after ${timeoutMs} ms:\n${tail(output)}`)),
            ),
          timeoutMs,
        );
        const finish = (settle) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    stop: () => stopChild(child),
  };
}

/**
 * Runs a command to completion and resolves with its output; rejects with the tail of the
 * output when it exits non-zero or runs longer than `timeoutMs`.
 */
export function run(command, args, { cwd, env, timeoutMs = 300_000 } = {}) {
  const proc = startProcess(command, args, { cwd, env });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.stop();
      reject(
        new Error(
          `${command} ${args.join(' ')} timed out after ${timeoutMs} ms:\n${tail(proc.output())}`,
        ),
      );
    }, timeoutMs);
    proc.child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(proc.output());
      reject(
        new Error(
          `${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${cwd ?? process.cwd()}:\n${tail(proc.output())}`,
        ),
      );
    });
  });
}

/**
 * Runs named steps, printing each result with its time, and a summary at the end.
 * A step's function may return a string (or lines) to print under its result.
 */
export class Steps {
  results = [];

  async run(name, fn) {
    const started = performance.now();
    process.stdout.write(`\n▶ ${name}\n`);
    try {
      const detail = await fn();
      this.#record(name, 'pass', started, detail);
      return true;
    } catch (error) {
      this.#record(name, 'FAIL', started, error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  /** Records a step that could not run, with the reason: a failure unless `skipped` is set. */
  notRun(name, reason, { skipped = false } = {}) {
    process.stdout.write(`\n▶ ${name}\n`);
    const status = skipped ? 'SKIP' : 'FAIL';
    this.#record(name, status, performance.now(), `NOT RUN: ${reason}`);
  }

  #record(name, status, started, detail) {
    const seconds = (performance.now() - started) / 1000;
    this.results.push({ name, status, seconds });
    const text = Array.isArray(detail) ? detail.join('\n') : (detail ?? '');
    const body = text ? `\n${text.replace(/^/gm, '    ')}` : '';
    const mark = { pass: '✔', SKIP: '⚠', FAIL: '✘' }[status];
    process.stdout.write(`${mark} ${name} (${seconds.toFixed(1)} s)${body}\n`);
  }

  get failed() {
    return this.results.filter((result) => result.status === 'FAIL');
  }

  get skipped() {
    return this.results.filter((result) => result.status === 'SKIP');
  }

  printSummary(title) {
    const width = Math.max(...this.results.map((result) => result.name.length));
    process.stdout.write(`\n${title}\n`);
    for (const { name, status, seconds } of this.results) {
      process.stdout.write(
        `  ${status.padEnd(4)}  ${name.padEnd(width)}  ${seconds.toFixed(1).padStart(6)} s\n`,
      );
    }
    const total = this.results.reduce((sum, result) => sum + result.seconds, 0);
    const verdict = [
      this.failed.length === 0 ? 'no failures' : `${this.failed.length} FAILED`,
      this.skipped.length === 0 ? '' : `${this.skipped.length} SKIPPED`,
    ].filter(Boolean);
    process.stdout.write(`  ${verdict.join(', ')}; ${total.toFixed(1)} s in all\n`);
  }
}

/** Runs `main`, always stopping child processes, also on Ctrl-C or SIGTERM. */
export async function withCleanup(main, cleanup = async () => {}) {
  const onSignal = async (signal) => {
    await stopAll();
    await cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await main();
  } finally {
    await stopAll();
    await cleanup();
  }
}
