import { type ChildProcess, spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { scenarios } from '@agent-sessions/mock-server';
import { main } from '../../src/cli/main.js';

/** The package root: children run the CLI from source through tsx, from here. */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** The arguments that start the CLI from source in a child process. */
export const CLI_FROM_SOURCE = ['--import', 'tsx', 'src/cli/entry.ts'];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout's lines, each parsed as JSON. */
  json: () => Record<string, unknown>[];
}

/** The environment the CLI sees: the key and the mock's URL, as a user would export them. */
export const envFor = (url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  AGENT_SESSIONS_API_KEY: 'test-key',
  AGENT_SESSIONS_BASE_URL: url,
  ...extra,
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

/** Runs the CLI's `main` in this process, stdout and stderr captured (a pipe, not a terminal). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(argv, env, { stdout: stdout.stream, stderr: stderr.stream });
  await new Promise((resolve) => setImmediate(resolve));
  return {
    code,
    stdout: stdout.text(),
    stderr: stderr.text(),
    json: () =>
      stdout
        .text()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line)),
  };
}

/** The CLI as a child process (from source), its output collected as it comes. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `stdin`: what the child reads (then end of input); nothing by default. */
  constructor(argv: string[], env: NodeJS.ProcessEnv, stdin?: string) {
    this.child = spawn(process.execPath, [...CLI_FROM_SOURCE, ...argv], {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH, ...env },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (stdin !== undefined) this.child.stdin!.end(stdin);
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.stdout += chunk;
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves once stdout matches `pattern` (or rejects when the child exits first). */
  async waitFor(pattern: RegExp): Promise<void> {
    while (!pattern.test(this.stdout)) {
      const exited = await Promise.race([
        this.exited.then(() => true),
        new Promise<false>((resolve) => this.child.stdout!.once('data', () => resolve(false))),
      ]);
      if (exited && !pattern.test(this.stdout))
        throw new Error(`exited before ${pattern}: ${this.stdout}\n${this.stderr}`);
    }
  }

  /** Stops the child if it is still running (a test's clean-up). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** The answer a scenario of the catalog gives on its `turn` (from 0). */
export function answerOf(scenario: keyof typeof scenarios, turn = 0): string {
  const end = scenarios[scenario].turns[turn]!.end;
  if (!('answer' in end)) throw new Error(`${scenario} turn ${turn} does not answer`);
  return end.answer;
}
