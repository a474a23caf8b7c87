// The CORS header lists the guides give servers, checked against what sdk-web really does: the
// request headers it sends (each one a browser must be allowed to send cross-origin) and the
// response headers it reads (each one a browser must be told to expose), over a session's life
// against the mock server, retries and errors included.
import { readFile } from 'node:fs/promises';
import { createMockServer } from '@agent-sessions/mock-server';
import { AgentSessions } from '@agent-sessions/sdk-web';
import { describe, expect, it } from 'vitest';

// What a browser sends cross-origin without asking (the CORS-safelisted request headers).
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language']);
const GUIDES = ['guides/browser.md', 'guides/browser-apps-in-production.md'];

/** The header names a guide's `Access-Control-*: A, B` line lists, lower-cased and sorted. */
async function listed(guide: string, header: string): Promise<string[][]> {
  const text = await readFile(new URL(`../${guide}`, import.meta.url), 'utf8');
  const lines = [...text.matchAll(new RegExp(`^${header}: (.+)$`, 'gm'))];
  return lines.map(([, names]) =>
    names!
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .sort(),
  );
}

/** Runs a session's life with sdk-web, recording the headers sent and the headers read. */
async function observe(): Promise<{ sent: string[]; read: string[] }> {
  const server = await createMockServer();
  const sent = new Set<string>();
  const read = new Set<string>();
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    for (const [name] of request.headers) sent.add(name);
    const response = await fetch(request);
    const headers = response.headers;
    Object.defineProperty(response, 'headers', {
      value: new Proxy(headers, {
        get(target, property) {
          if (property === 'get' || property === 'has') {
            return (name: string) => {
              read.add(name.toLowerCase());
              return property === 'get' ? target.get(name) : target.has(name);
            };
          }
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    });
    return response;
  };
  try {
    const client = new AgentSessions({
      apiKey: async () => 'test-key',
      baseUrl: server.url,
      fetch: recordingFetch,
      retry: { baseDelayMs: 1 },
    });
    server.faults.add({ operation: 'createSession', call: 1, kind: 'rate_limit', retryAfterS: 0 });
    server.faults.add({ operation: 'getSession', call: 1, kind: 'server_error' });
    const session = await client.sessions.start({
      input: 'Hi.',
      metadata: { scenario: 'tool-calls' },
    });
    for await (const _event of session.watch()) {
      // every event
    }
    await session.status();
    await session.send('Again.').catch(() => undefined); // a 409 problem: completed
    await client.sessions
      .get('ses_missing')
      .status()
      .catch(() => undefined); // a 404 problem
  } finally {
    await server.close();
  }
  const crossOrigin = [...sent].filter((name) => !SAFELISTED.has(name));
  return { sent: crossOrigin.sort(), read: [...read].sort() };
}

describe('the CORS header lists in the guides', () => {
  it('allow exactly the request headers sdk-web sends, and expose exactly those it reads', async () => {
    const { sent, read } = await observe();
    expect(sent).toContain('x-retry-count');
    expect(read).toContain('retry-after-ms');
    // Content-Type: the simple-request exception does not cover application/json.
    for (const guide of GUIDES) {
      const allowed = await listed(guide, 'Access-Control-Allow-Headers');
      const exposed = await listed(guide, 'Access-Control-Expose-Headers');
      expect(allowed.length, guide).toBeGreaterThan(0);
      for (const list of allowed) expect(list, guide).toEqual(sent);
      for (const list of exposed) {
        // Content-Type is exposed to every page anyway (a CORS-safelisted response header).
        expect(list, guide).toEqual(read.filter((name) => name !== 'content-type'));
      }
    }
  });
});
