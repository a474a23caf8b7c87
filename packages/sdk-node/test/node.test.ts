import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import * as core from '@agent-sessions/sdk-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as node from '../src/index.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());

describe('the Node SDK', () => {
  // It starts a child Node process (through tsx): slow on a loaded machine.
  test('reads the API key and base URL from the environment; options win over it', {
    timeout: 60_000,
  }, async () => {
    const child = fileURLToPath(new URL('./env-child.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child], {
      env: {
        ...process.env,
        AGENT_SESSIONS_API_KEY: 'test-key',
        AGENT_SESSIONS_BASE_URL: server.url,
      },
    });
    expect(JSON.parse(stdout)).toEqual({
      answer: 'The capital of France is Paris.',
      explicitWins: 'UnauthorizedError',
    });
  });

  test('without a key anywhere, construction fails naming the option and the variable', () => {
    const client = () =>
      new node.AgentSessions({ platform: { env: () => undefined }, baseUrl: server.url });
    expect(client).toThrow(/options\.apiKey: required: pass apiKey or set AGENT_SESSIONS_API_KEY/);
  });

  test('AGENT_SESSIONS_LOG sets the log level; the logLevel option wins over it', async () => {
    const lines: string[] = [];
    const record = (line: string) => void lines.push(line);
    const logger = { error: record, warn: record, info: record, debug: record };
    const before = process.env.AGENT_SESSIONS_LOG;
    process.env.AGENT_SESSIONS_LOG = 'info';
    try {
      await new node.AgentSessions({
        apiKey: 'test-key',
        baseUrl: server.url,
        logger,
      }).sessions.list();
      expect(lines).toEqual([
        expect.stringMatching(
          /^agent-sessions: GET \/v1\/sessions\?limit=20 200 \d+ms req_\w+ attempt 1$/,
        ),
      ]);
      await new node.AgentSessions({
        apiKey: 'test-key',
        baseUrl: server.url,
        logger,
        logLevel: 'off',
      }).sessions.list();
      expect(lines).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.AGENT_SESSIONS_LOG;
      else process.env.AGENT_SESSIONS_LOG = before;
    }
  });

  test('sends a User-Agent naming the SDK and Node versions', async () => {
    const agents: (string | null)[] = [];
    const client = new node.AgentSessions({
      apiKey: 'test-key',
      baseUrl: server.url,
      fetch: (input, init) => {
        const request = new Request(input, init);
        agents.push(request.headers.get('user-agent'));
        return fetch(request);
      },
    });
    await client.sessions.list();
    expect(agents).toEqual([node.USER_AGENT]);
    expect(node.USER_AGENT).toMatch(/^agent-sessions-sdk-node\/\d+\.\d+\.\d+ node\/v\d+\./);
    expect(node.USER_AGENT).toContain(`node/${process.version} `);
  });

  test("createClient (standalone operations) is a Node client: the key from Node's environment, its User-Agent", async () => {
    const agents: (string | null)[] = [];
    const client = node.createClient({
      baseUrl: server.url,
      platform: { env: (name) => (name === 'AGENT_SESSIONS_API_KEY' ? 'test-key' : undefined) },
      fetch: (input, init) => {
        agents.push(new Request(input, init).headers.get('user-agent'));
        return fetch(input, init);
      },
    });
    expect((await node.listSessions(client)).data).toBeInstanceOf(Array);
    expect(agents).toEqual([node.USER_AGENT]);
    expect(() =>
      node.createClient({ baseUrl: server.url, platform: { env: () => undefined } }),
    ).toThrow(/options\.apiKey: required/);
  });

  test('withOptions keeps a Node client: its class and its User-Agent', async () => {
    const agents: (string | null)[] = [];
    const client = new node.AgentSessions({
      apiKey: 'test-key',
      baseUrl: server.url,
      fetch: (input, init) => {
        agents.push(new Request(input, init).headers.get('user-agent'));
        return fetch(input, init);
      },
    });
    const derived = client.withOptions({ maxRetries: 0, defaultHeaders: { 'x-team': 'a' } });
    expect(derived).toBeInstanceOf(node.AgentSessions);
    await derived.sessions.list();
    expect(agents).toEqual([node.USER_AGENT]);
  });

  test('re-exports the whole core, with the Node client in place of the core one', () => {
    for (const name of Object.keys(core)) expect(node, name).toHaveProperty(name);
    expect(node.AgentSessions).not.toBe(core.AgentSessions);
    expect(new node.AgentSessions({ apiKey: 'k' })).toBeInstanceOf(core.AgentSessions);
  });

  test("the core's CommonJS build (with ky bundled in) loads and works", async () => {
    const cjs = createRequire(import.meta.url)('@agent-sessions/sdk-core') as typeof core;
    const client = new cjs.AgentSessions({ apiKey: 'test-key', baseUrl: server.url });
    const session = await client.sessions.start({ input: 'x' });
    expect((await session.status()).state).toBe('queued');
  });

  test("a refused connection names ECONNREFUSED in the message, not only Node's 'fetch failed'", async () => {
    // A port that was just free: listen, note it, close.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const client = new node.AgentSessions({
      apiKey: 'test-key',
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 0,
    });
    const error = await client.sessions.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConnectionError' });
    expect((error as Error).message).toMatch(
      new RegExp(`fetch failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${port} \\(1 attempt`),
    );
  });
});
