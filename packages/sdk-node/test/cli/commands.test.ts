import { createMockServer, type MockServer, scenarios } from '@agent-sessions/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { answerOf, envFor, runCli } from './run-cli.js';

let server: MockServer;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  server = await createMockServer();
  env = envFor(server.url);
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** The events of a session as the server logged them. */
const serverEvents = (id: string) => server.sessions.get(id)!.events;

describe('run', () => {
  test('in a pipe: every event as the API sent it, exactly once and in order, then the snapshot; exit 0', async () => {
    const result = await runCli(['run', 'Plan a weekend in Lisbon'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.json();
    const snapshot = lines.at(-1)!;
    expect(snapshot).toMatchObject({ state: 'completed', answer: answerOf('short-answer') });
    expect(lines.slice(0, -1)).toEqual(serverEvents(snapshot.id as string));
    expect(lines.slice(0, -1).map((line) => line.index)).toEqual(
      lines.slice(0, -1).map((_, i) => i),
    );
  });

  test('--json, --metadata and --idle-timeout reach the session; the run ends at the answer, idle', async () => {
    const result = await runCli(
      [
        'run',
        'Plan a trip',
        '--json',
        '--metadata',
        'scenario=conversation',
        '--metadata',
        'team=ops',
        '--idle-timeout',
        '120',
      ],
      env,
    );
    expect(result.code).toBe(0);
    const snapshot = result.json().at(-1)!;
    expect(snapshot).toMatchObject({
      state: 'idle',
      idle_timeout_s: 120,
      metadata: { scenario: 'conversation', team: 'ops' },
      answer: answerOf('conversation'),
    });
  });

  test('a session that fails exits 1 with the error event and the failed snapshot', async () => {
    const result = await runCli(['run', 'x', '--metadata', 'scenario=failure'], env);
    expect(result.code).toBe(1);
    const lines = result.json();
    expect(lines.at(-2)).toMatchObject({ type: 'state_changed', data: { to: 'failed' } });
    expect(lines.some((line) => line.type === 'error')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ state: 'failed' });
  });

  test('an event type the SDK does not know is printed with the type the server sent', async () => {
    const fixture = structuredClone(scenarios['short-answer']);
    fixture.name = 'with-new-type';
    fixture.turns[0]!.steps[0]!.events.push({
      at_ms: 1_000,
      type: 'plan_updated',
      agent: { id: 'main', parent_id: null },
      data: { plan: ['a', 'b'] },
    });
    const custom = await createMockServer({ fixtures: [fixture] });
    try {
      const result = await runCli(['run', 'x'], envFor(custom.url));
      expect(result.code).toBe(0);
      const line = result.json().find((event) => event.type === 'plan_updated');
      expect(line).toMatchObject({ type: 'plan_updated', data: { plan: ['a', 'b'] } });
      expect(line).not.toHaveProperty('original_type');
    } finally {
      await custom.close();
    }
  });
});

describe('start, ls, status, events', () => {
  test('start prints the created session; --follow then follows it to its answer', async () => {
    const started = await runCli(['start', 'hello'], env);
    expect(started.code).toBe(0);
    const [snapshot] = started.json();
    expect(snapshot).toMatchObject({ id: expect.stringMatching(/^ses_/), state: 'queued' });
    const followed = await runCli(['start', 'hello', '--follow'], env);
    expect(followed.code).toBe(0);
    expect(followed.json().at(-1)).toMatchObject({ state: 'completed' });
  });

  test('ls prints every session, one per line, across pages', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push((await runCli(['start', `s${i}`], env)).json()[0]!.id as string);
    const listed = await runCli(['ls', '--limit', '2'], env);
    expect(listed.code).toBe(0);
    expect(
      listed
        .json()
        .map((session) => session.id)
        .sort(),
    ).toEqual(ids.sort());
  });

  test('status prints the snapshot; events the whole history from --from, then the snapshot', async () => {
    const run = await runCli(['run', 'x', '--metadata', 'scenario=long-run'], env);
    const id = run.json().at(-1)!.id as string;
    const status = await runCli(['status', id], env);
    expect(status.json()).toEqual([run.json().at(-1)]);
    const all = await runCli(['events', id], env);
    expect(all.code).toBe(0);
    expect(all.json().slice(0, -1)).toEqual(serverEvents(id));
    const paged = await runCli(['events', id, '--limit', '10'], env);
    expect(paged.json().slice(0, -1)).toEqual(serverEvents(id));
    expect(server.journal.count({ operation: 'listSessionEvents' })).toBeGreaterThan(5);
    const later = await runCli(['events', id, '--from', '5'], env);
    expect(later.json().slice(0, -1)).toEqual(serverEvents(id).slice(5));
    expect(later.json().at(-1)).toMatchObject({ id, state: 'completed' });
  });
});

describe('steering', () => {
  test('send, pause, resume, force and cancel each print what the API returned', async () => {
    const paused = await createMockServer({ autoAdvance: false });
    const local = envFor(paused.url);
    try {
      const id = (await runCli(['start', 'x', '--metadata', 'scenario=slow'], local)).json()[0]!
        .id as string;
      const sent = await runCli(['send', id, 'Only primary sources.'], local);
      expect(sent.code).toBe(0);
      expect(sent.json()).toEqual([
        expect.objectContaining({ message_id: expect.stringMatching(/^msg_/) }),
      ]);
      paused.clock.advance(1_000);
      expect((await runCli(['pause', id], local)).json()[0]).toMatchObject({ id, state: 'paused' });
      expect((await runCli(['resume', id], local)).json()[0]).toMatchObject({
        id,
        state: 'running',
      });
      expect((await runCli(['force', id], local)).json()[0]).toMatchObject({
        id,
        state: 'running',
      });
      const cancelled = await runCli(['cancel', id], local);
      expect(cancelled.json()[0]).toMatchObject({ id, state: 'interrupted' });
      // A control of a finished session is the API's 409: one line, exit 1.
      const refused = await runCli(['pause', id], local);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^agent-sessions: .*409.*\n$/);
    } finally {
      await paused.close();
    }
  });

  test('watching a cancelled session exits 5', async () => {
    const started = (await runCli(['start', 'x', '--metadata', 'scenario=slow'], env)).json()[0]!;
    await runCli(['cancel', started.id as string], env);
    const watched = await runCli(['watch', started.id as string], env);
    expect(watched.code).toBe(5);
    expect(watched.json().at(-1)).toMatchObject({ state: 'interrupted' });
  });
});

describe('exit codes and bad input: one line on stderr', () => {
  test('usage mistakes exit 2 and print the usage', async () => {
    for (const argv of [
      ['bogus'],
      ['run'],
      ['run', 'x', '--bogus'],
      ['status', 'a', 'b'],
      ['ls', '--from', '3'],
      ['run', 'x', '--metadata'],
    ]) {
      const result = await runCli(argv, env);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr, argv.join(' ')).toMatch(/^agent-sessions: .+\n\nUsage: agent-sessions/);
    }
  });

  test('--help and --version exit 0 on stdout', async () => {
    expect(await runCli(['--help'], {})).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Exit codes:'),
    });
    expect(await runCli(['run', '--help'], {})).toMatchObject({ code: 0 });
    expect((await runCli(['--version'], {})).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('bad values exit 2 with one line naming the option, and send nothing', async () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [
        ['watch', 'ses_1', '--from=-1'],
        env,
        /^agent-sessions: --from: expected a whole number from 0 up, got "-1"\n$/,
      ],
      [
        ['watch', 'ses_1', '--from', '-1'],
        env,
        /^agent-sessions: --from: expected a whole number from 0 up, got "-1"\n$/,
      ],
      [['ls', '--limit', '101'], env, /limit/],
      [['watch', 'ses_1', '--from', '1.5'], env, /--from: expected a whole number/],
      [['run', 'x', '--wait', '61'], env, /--wait: expected a whole number from 0 to 60, got "61"/],
      [['run', 'x', '--metadata', 'novalue'], env, /--metadata: expected key=value/],
      [
        ['status', 'ses_1', '--base-url', '127.0.0.1:4010'],
        env,
        /--base-url: expected an http:\/\/ or https:\/\/ URL/,
      ],
      [['status', 'ses_1', '--base-url', 'localhost:4010'], env, /--base-url: expected an http/],
      [
        ['status', 'ses_1'],
        { ...env, AGENT_SESSIONS_BASE_URL: 'ftp://x' },
        /AGENT_SESSIONS_BASE_URL: expected an http/,
      ],
      [
        ['status', 'ses_1', '--api-key', 'sk_live_\nSECRET'],
        env,
        /^agent-sessions: --api-key: the API key contains a line break/,
      ],
      [
        ['status', 'ses_1'],
        { ...env, AGENT_SESSIONS_API_KEY: 'sk\rSECRET' },
        /AGENT_SESSIONS_API_KEY: the API key contains/,
      ],
      [['send', 'ses_00000001', 'x'.repeat(100_001)], env, /message/],
      [['status', 'ses/../x'], env, /ses\/\.\.\/x|session/],
    ];
    for (const [argv, caseEnv, line] of cases) {
      const result = await runCli(argv, caseEnv);
      const what = argv.join(' ').slice(0, 60);
      expect(result.code, what).toBe(2);
      expect(result.stdout, what).toBe('');
      expect(result.stderr, what).toMatch(line);
      expect(result.stderr.split('\n').length, what).toBe(2); // one line
      expect(result.stderr, what).not.toContain('SECRET');
    }
    expect(server.journal.count()).toBe(0);
  });

  test('an unknown session id: one line naming it, exit 1', async () => {
    const result = await runCli(['status', 'ses_nope'], env);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^agent-sessions: .*404.*ses_nope.*\n$/);
  });

  test('a refused or missing key exits 3 naming the option or variable, never the key', async () => {
    const wrong = await runCli(['ls', '--api-key', 'sk_wrong_SECRET'], env);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/^agent-sessions: unauthorized: .*--api-key.*\n$/);
    expect(wrong.stderr).not.toContain('SECRET');
    const fromEnv = await runCli(['ls'], { ...env, AGENT_SESSIONS_API_KEY: 'sk_wrong_SECRET' });
    expect(fromEnv.code).toBe(3);
    expect(fromEnv.stderr).toContain('AGENT_SESSIONS_API_KEY');
    const missing = await runCli(['ls'], { AGENT_SESSIONS_BASE_URL: server.url });
    expect(missing).toMatchObject({
      code: 3,
      stderr: 'agent-sessions: no API key: pass --api-key or set AGENT_SESSIONS_API_KEY\n',
    });
  });

  test('no server at the URL exits 4', { timeout: 30_000 }, async () => {
    const gone = await createMockServer();
    const url = gone.url;
    await gone.close();
    const result = await runCli(['ls'], envFor(url));
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(new RegExp(`^agent-sessions: cannot connect to ${url}: .+\\n$`));
    // A password in the URL is refused before fetch, whose error would quote it, sees it.
    const withPassword = url.replace('http://', 'http://user:SECRET@');
    const secret = await runCli(['ls'], envFor(withPassword));
    expect(secret.code).toBe(2);
    expect(secret.stderr).toBe(
      'agent-sessions: AGENT_SESSIONS_BASE_URL: a user or password in the URL is not sent; pass the key with --api-key or AGENT_SESSIONS_API_KEY\n',
    );
  });
});

describe('watch across a dropped connection', () => {
  test('a reset long-poll is retried from the cursor: every event printed exactly once', async () => {
    const slow = await createMockServer({ autoAdvance: true });
    try {
      const id = (
        await runCli(['start', 'x', '--metadata', 'scenario=tool-calls'], envFor(slow.url))
      ).json()[0]!.id as string;
      slow.faults.add({ operation: 'getSessionChanges', call: 2, kind: 'reset' });
      slow.faults.add({ operation: 'getSessionChanges', call: 4, kind: 'truncate' });
      const watched = await runCli(['watch', id, '--wait', '1'], envFor(slow.url));
      expect(watched.code).toBe(0);
      const lines = watched.json();
      expect(lines.slice(0, -1)).toEqual(slow.sessions.get(id)!.events);
      expect(slow.journal.count({ operation: 'getSessionChanges', status: 0 })).toBe(1);
      expect(lines.at(-1)).toMatchObject({ id, state: 'completed' });
    } finally {
      await slow.close();
    }
  });
});
