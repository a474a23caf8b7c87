import { MockAdminClient } from '@agent-sessions/mock-server/admin-client';
import { afterAll, beforeAll } from 'vitest';
import { commands } from 'vitest/browser';
import { TEST_ADMIN_TOKEN } from './admin-token.ts';
import type { MockServerRequest } from './mock-commands.ts';
import './browser-env.ts';

/** A mock server as a test file sees it: its URL and its HTTP control. */
export interface MockServerRef {
  readonly url: string;
  readonly control: MockAdminClient;
}

/**
 * Starts a real mock server (in Node) for this test file and stops it after; each file has its
 * own, so files run in parallel without sharing faults or clocks. Read the fields inside tests.
 */
export function mockServerForFile(request: MockServerRequest = {}): MockServerRef {
  let url: string | undefined;
  beforeAll(async () => {
    url = await commands.startMockServer(request);
  });
  afterAll(async () => {
    if (url) await commands.stopMockServer(url);
  });
  const started = () => {
    if (!url) throw new Error('mockServerForFile: read the server inside a test');
    return url;
  };
  return {
    get url() {
      return started();
    },
    get control() {
      return new MockAdminClient(started(), { adminToken: TEST_ADMIN_TOKEN });
    },
  };
}

/** A session as a mock server holds it: its snapshot and full event log. */
export type StoredSession = NonNullable<Awaited<ReturnType<MockAdminClient['sessions']['get']>>>;

/**
 * The session `server` holds with this id; rejects naming the id when it holds none, so a test
 * reading the server's side fails with a clear message instead of a TypeError.
 */
export async function storedSession(server: MockServerRef, id: string): Promise<StoredSession> {
  const found = await server.control.sessions.get(id);
  if (!found) throw new Error(`the mock server holds no session with id ${id}`);
  return found;
}
