// Runs in Node (vitest's process): browser commands that start and stop real mock servers for
// the tests in Chromium, which reach them over HTTP on another origin (CORS).
import { createMockServer, type MockServer, scenarios } from '@agent-sessions/mock-server';
import type { BrowserCommand } from 'vitest/node';
import { TEST_ADMIN_TOKEN } from './admin-token.ts';

/** What a test file asks for; every server plays the scenario catalog. */
export interface MockServerRequest {
  /** `false`: the virtual clock moves only when the test advances it. Default: `true`. */
  autoAdvance?: boolean;
}

const running = new Map<string, MockServer>();

/** Starts a mock server on a free port of 127.0.0.1; resolves with its URL. */
export const startMockServer: BrowserCommand<[request: MockServerRequest]> = async (_, request) => {
  const server = await createMockServer({
    fixtures: Object.values(scenarios),
    autoAdvance: request.autoAdvance ?? true,
    admin: { allowOrigins: ['*'], token: TEST_ADMIN_TOKEN },
  });
  running.set(server.url, server);
  return server.url;
};

/** Stops the mock server at `url`: parked polls end, the port is freed. */
export const stopMockServer: BrowserCommand<[url: string]> = async (_, url) => {
  const server = running.get(url);
  running.delete(url);
  await server?.close();
};
