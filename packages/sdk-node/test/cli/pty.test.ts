import { stripVTControlCharacters } from 'node:util';
import { createMockServer, type MockServer, scenarios } from '@agent-sessions/mock-server';
import { type IPty, spawn } from '@lydell/node-pty';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { answerOf, CLI_FROM_SOURCE, envFor, PACKAGE_DIR } from './run-cli.js';

/** The CLI in a real pseudo-terminal: what a person at a terminal sees and types. */
class Terminal {
  readonly pty: IPty;
  output = '';
  readonly exited: Promise<number>;
  #waiters: (() => void)[] = [];

  constructor(argv: string[], env: NodeJS.ProcessEnv) {
    this.pty = spawn(process.execPath, [...CLI_FROM_SOURCE, ...argv], {
      cwd: PACKAGE_DIR,
      cols: 100,
      rows: 30,
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', ...env } as Record<
        string,
        string
      >,
    });
    this.pty.onData((data) => {
      this.output += data;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Resolves once the output (from `offset` on) matches. */
  async waitFor(pattern: RegExp, offset = 0): Promise<void> {
    let done = false;
    void this.exited.then(() => {
      done = true;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    while (!pattern.test(plain(this.output.slice(offset)))) {
      if (done) throw new Error(`exited before ${pattern}:\n${plain(this.output)}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  kill() {
    try {
      this.pty.kill('SIGKILL');
    } catch {}
  }
}

// Colour codes only (cursor moves are not colour): SGR sequences, ESC [ ... m.
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);
const plain = (text: string) => stripVTControlCharacters(text).replaceAll('\r', '');

let server: MockServer;
let terminal: Terminal | undefined;
beforeAll(async () => {
  server = await createMockServer();
});
afterEach(() => {
  terminal?.kill();
  terminal = undefined;
  server.reset();
});
afterAll(() => server.close());

const [turn1, turn2] = [answerOf('conversation', 0), answerOf('conversation', 1)];

// Children run through tsx in a pty: slow to start on a loaded machine.
describe('in a terminal', { timeout: 60_000 }, () => {
  test('chat: type, see the agent work, read the answer, type the next; Ctrl-D ends it, exit 0', async () => {
    terminal = new Terminal(
      ['chat', '--metadata', 'scenario=conversation', '--idle-timeout', '300'],
      envFor(server.url),
    );
    await terminal.waitFor(/you> $/);
    terminal.pty.write('Plan a weekend in Lisbon\r');
    await terminal.waitFor(new RegExp(`Answer: ${escapeRegExp(turn1!)}\\nyou> $`));
    const mark = terminal.output.length;
    terminal.pty.write('Three days in May, food and history\r');
    await terminal.waitFor(
      new RegExp(
        `idle  step \\d+  [\\d,]+ tokens  .*turn 2[\\s\\S]*Answer: ${escapeRegExp(turn2!)}\\nyou> $`,
      ),
      mark,
    );
    terminal.pty.write('\u0004');
    expect(await terminal.exited).toBe(0);
    const [session] = server.sessions.list();
    expect(session).toMatchObject({ state: 'idle', turn: 2, idle_timeout_s: 300 });
    const messages = server.sessions
      .get(session!.id)!
      .events.filter((e) => e.type === 'message_received');
    expect(messages.map((e) => (e.data as { content: string }).content)).toEqual([
      'Plan a weekend in Lisbon',
      'Three days in May, food and history',
    ]);
    expect(terminal.output).toMatch(SGR);
  });

  test('chat: Ctrl-C at the prompt detaches (exit 130), the session stays idle', async () => {
    terminal = new Terminal(['chat', '--metadata', 'scenario=conversation'], envFor(server.url));
    await terminal.waitFor(/you> $/);
    terminal.pty.write('hello\r');
    await terminal.waitFor(/Answer: .*\nyou> $/);
    terminal.pty.write('\u0003');
    expect(await terminal.exited).toBe(130);
    expect(plain(terminal.output)).toMatch(/detached; ses_\w+ is still running/);
    expect(server.sessions.list()[0]).toMatchObject({ state: 'idle' });
  });

  test('chat: Ctrl-C while the agent works (the terminal out of raw mode) is still a Ctrl-C: exit 130', async () => {
    const still = await createMockServer({ autoAdvance: false });
    try {
      terminal = new Terminal(
        ['chat', '--metadata', 'scenario=slow', '--cancel-on-exit'],
        envFor(still.url),
      );
      await terminal.waitFor(/you> $/);
      terminal.pty.write('hello\r');
      await terminal.waitFor(/queued {2}step 0/);
      terminal.pty.write('\u0003');
      expect(await terminal.exited).toBe(130);
      expect(plain(terminal.output)).toMatch(/cancelled ses_\w+ \(interrupted\)/);
      expect(still.sessions.list()[0]).toMatchObject({ state: 'interrupted' });
    } finally {
      await still.close();
    }
  });

  test('run: the live view settles into state, step, tokens, elapsed, one line per agent, and the answer', async () => {
    terminal = new Terminal(
      ['run', 'Compare two libraries', '--metadata', 'scenario=delegation'],
      envFor(server.url),
    );
    expect(await terminal.exited).toBe(0);
    const [session] = server.sessions.list();
    const screen = plain(terminal.output);
    expect(screen).toContain(
      `completed  step ${session!.step_count}  ${session!.usage.total_tokens.toLocaleString('en-US')} tokens`,
    );
    expect(screen).toMatch(
      /\n {2}main +thinks: .+\n {2}└ researcher_1 +done: .+\n {2}└ researcher_2 +done: .+\n/,
    );
    expect(screen).toContain(`Answer: ${answerOf('delegation')}`);
    expect(terminal.output).toMatch(SGR);
  });

  test('NO_COLOR: the same view without a single colour code', async () => {
    terminal = new Terminal(
      ['run', 'x', '--metadata', 'scenario=tool-calls'],
      envFor(server.url, { NO_COLOR: '1' }),
    );
    expect(await terminal.exited).toBe(0);
    expect(plain(terminal.output)).toMatch(/completed {2}step \d+/);
    expect(terminal.output).not.toMatch(SGR);
  });

  test('text from a lying server cannot drive the terminal: escape sequences are not printed', async () => {
    const ESC = String.fromCharCode(27);
    const BEL = String.fromCharCode(7);
    const fixture = structuredClone(scenarios['short-answer']);
    fixture.name = 'escapes';
    fixture.turns[0]!.steps[0]!.events[0]!.data = {
      content: `retitle${ESC}]0;pwned${BEL} clear${ESC}[2J${ESC}[H red${ESC}[31m`,
    };
    fixture.turns[0]!.end = { answer: `Paris${ESC}[8m hidden\nsecond line` };
    const liar = await createMockServer({ fixtures: [fixture] });
    try {
      terminal = new Terminal(['run', 'x'], envFor(liar.url, { NO_COLOR: '1' }));
      expect(await terminal.exited).toBe(0);
      expect(terminal.output).not.toContain(`${ESC}]`);
      expect(terminal.output).not.toContain(`${ESC}[2J`);
      expect(terminal.output).not.toMatch(SGR);
      expect(plain(terminal.output)).toContain('Answer: Paris hidden\nsecond line');
    } finally {
      await liar.close();
    }
  });

  test('--json on a terminal: NDJSON, no colour', async () => {
    terminal = new Terminal(['run', 'x', '--json'], envFor(server.url));
    expect(await terminal.exited).toBe(0);
    const lines = terminal.output
      .replace(/\r/g, '')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.at(-1)).toMatchObject({ state: 'completed' });
    expect(terminal.output).not.toMatch(SGR);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
