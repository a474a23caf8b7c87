import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MockAdminClient } from '../src/admin/admin-client.js';
import { MockAdminClient as RootMockAdminClient } from '../src/index.js';
import { api, startServer } from './support/server.js';

describe('MockAdminClient and the /_mock routes', () => {
  test('drives faults, the clock, inspection and reset over HTTP, without an API key', async () => {
    const server = await startServer({ autoAdvance: false });
    const control = new MockAdminClient(`${server.url}/`);
    const client = api(server);

    const id = await control.faults.add({
      operation: 'listSessions',
      call: 1,
      kind: 'rate_limit',
      retryAfterS: 1,
    });
    expect(id).toMatch(/^fault_/);
    expect((await client.call('GET', '/v1/sessions')).status).toBe(429);
    await control.faults.add({ operation: 'listSessions', kind: 'server_error' });
    expect((await control.faults.list()).map((entry) => entry.id)).toHaveLength(2);
    await control.faults.clear();
    expect((await client.call('GET', '/v1/sessions')).status).toBe(200);

    const start = await control.clock.now();
    expect(start).toBe(Date.parse('2026-01-01T00:00:00Z'));
    const { body } = await client.create({ input: 'x' });
    expect(await control.clock.advance(3_000)).toBe(start + 3_000);
    const inspected = (await control.sessions.get(body.id))!;
    expect(inspected.session.state).toBe('completed');
    expect(inspected.events).toEqual(server.sessions.get(body.id)!.events);
    expect(await control.stats()).toMatchObject({ sessions: 1, parked: 0, held: 0 });
    expect(await control.journal.count({ operation: 'createSession', status: 201 })).toBe(1);

    await control.reset();
    expect((await client.get(body.id)).status).toBe(404);
    expect(await control.sessions.get(body.id)).toBeUndefined();
  });

  test('bad control input is a 400 naming the problem', async () => {
    const server = await startServer();
    const control = new MockAdminClient(server.url);
    await expect(
      control.faults.add({ operation: 'getSession', kind: 'nope' } as never),
    ).rejects.toThrow(/status 400.*kind: expected one of/);
    await expect(control.clock.advance(-5)).rejects.toThrow(
      /status 400.*expected a finite number >= 0/,
    );
  });

  test('uses the fetch it is given', async () => {
    const server = await startServer();
    const seen: string[] = [];
    const control = new MockAdminClient(server.url, {
      fetch: (input, init) => {
        seen.push(`${init?.method} ${String(input)}`);
        return fetch(input, init);
      },
    });
    await control.clock.now();
    expect(seen).toEqual([`GET ${server.url}/_mock/clock`]);
  });

  test('MockAdminClient and the Node server answer to the admin surface names only, no aliases', async () => {
    const server = await startServer();
    const control = new MockAdminClient(server.url);
    const methods = Object.getOwnPropertyNames(MockAdminClient.prototype).filter(
      (name) => name !== 'constructor',
    );
    expect(methods.sort()).toEqual(['reset', 'stats']);
    expect(Object.keys(control).sort()).toEqual(['clock', 'faults', 'journal', 'sessions']);
    expect(Object.keys(control.clock).sort()).toEqual(['advance', 'now']);
    expect(Object.keys(control.faults).sort()).toEqual(['add', 'clear', 'list', 'remove']);
    expect(Object.keys(control.sessions).sort()).toEqual(['get', 'list']);
    expect('session' in server).toBe(false);
  });

  test('the browser entry reaches nothing from Node and is the same class as the root export', () => {
    // Every module control.ts reaches at runtime, followed through relative imports.
    const seen = new Set<string>();
    const external: string[] = [];
    const visit = (url: URL) => {
      if (seen.has(url.href)) return;
      seen.add(url.href);
      const source = readFileSync(url, 'utf8');
      for (const [, typeOnly, from] of source.matchAll(
        /^import (type )?[^;]*? from '([^']+)';$/gms,
      )) {
        if (typeOnly) continue;
        if (from!.startsWith('.')) visit(new URL(from!.replace(/\.js$/, '.ts'), url));
        else external.push(from!);
      }
    };
    visit(new URL('../src/admin/admin-client.ts', import.meta.url));
    expect(seen.size).toBeGreaterThan(1);
    expect(
      external.filter((from) => from !== '@agent-sessions/protocol' && !from.startsWith('zod')),
    ).toEqual([]);
    expect(RootMockAdminClient).toBe(MockAdminClient);
  });
});
