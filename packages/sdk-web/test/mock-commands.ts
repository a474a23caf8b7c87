// Runs in Node (vitest's process): browser commands that start and stop real mock servers for
// the tests in Chromium, which then reach them over HTTP on another origin (CORS).
import { createMockServer, type MockServer, scenarios } from '@agent-sessions/mock-server';
import type { BrowserCommand } from 'vitest/node';
import { behaviourFixtures, CHAOS } from '../../sdk-core/test/behaviour/suite.ts';
import { TEST_ADMIN_TOKEN } from './admin-token.ts';
import { connectionCloseRelay } from './connection-close-relay.ts';
import { storeFixtures } from './store-fixtures.ts';

/** What a test file asks for; every server has the scenario catalog and the shared suite's fixtures. */
export interface MockServerRequest {
  /** Seeded random faults (the shared suite's `CHAOS`). Default: none. */
  chaos?: boolean;
  /** `false`: the virtual clock moves only when the test advances it. Default: `true`. */
  autoAdvance?: boolean;
}

interface Running {
  server: MockServer;
  relay: Awaited<ReturnType<typeof connectionCloseRelay>>;
}

const running = new Map<string, Running>();
const fixtures = [...Object.values(scenarios), ...behaviourFixtures, ...storeFixtures];

/**
 * Starts a mock server on a free port of 127.0.0.1, behind a relay that gives each request its
 * own connection (see connection-close-relay.ts); resolves with the relay's URL.
 */
export const startMockServer: BrowserCommand<[request: MockServerRequest]> = async (_, request) => {
  const server = await createMockServer({
    fixtures,
    autoAdvance: request.autoAdvance ?? true,
    admin: { allowOrigins: ['*'], token: TEST_ADMIN_TOKEN },
    ...(request.chaos ? { chaos: CHAOS } : {}),
  });
  const relay = await connectionCloseRelay(server.url);
  running.set(relay.url, { server, relay });
  return relay.url;
};

/** Stops the mock server at `url`: parked polls end, the port is freed. */
export const stopMockServer: BrowserCommand<[url: string]> = async (_, url) => {
  const { server, relay } = running.get(url) ?? {};
  running.delete(url);
  await relay?.close();
  await server?.close();
};

type Playwright = import('@vitest/browser-playwright').PlaywrightBrowserProvider;

/**
 * Freezes the test page (what Chrome does to a tab hidden for a while: no script runs, network
 * replies wait), moves the mock server's clock `ms` forward meanwhile, then thaws the page.
 */
export const freezePageWhileAdvancing: BrowserCommand<[url: string, ms: number]> = async (
  context,
  url,
  ms,
) => {
  const page = (context.provider as Playwright).getPage(context.sessionId);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  try {
    running.get(url)?.server.clock.advance(ms);
  } finally {
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await cdp.detach();
  }
};
