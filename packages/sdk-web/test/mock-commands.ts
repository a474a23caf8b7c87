// Runs in Node (vitest's process): browser commands that start and stop real mock servers for
// the tests in Chromium, which then reach them over HTTP on another origin (CORS).
import { createMockServer, type MockServer, scenarios } from '@agent-sessions/mock-server';
import type { BrowserCommand } from 'vitest/node';
import { behaviourFixtures, CHAOS } from '../../sdk-core/test/behaviour/suite.ts';

/** What a test file asks for; every server has the scenario catalog and the shared suite's fixtures. */
export interface MockServerRequest {
  /** Seeded random faults (the shared suite's `CHAOS`). Default: none. */
  chaos?: boolean;
  /** `false`: the virtual clock moves only when the test advances it. Default: `true`. */
  autoAdvance?: boolean;
}

const servers = new Map<string, MockServer>();
const fixtures = [...Object.values(scenarios), ...behaviourFixtures];

/** Starts a mock server on a free port of 127.0.0.1; resolves with its URL. */
export const startMockServer: BrowserCommand<[request: MockServerRequest]> = async (_, request) => {
  const server = await createMockServer({
    fixtures,
    autoAdvance: request.autoAdvance ?? true,
    ...(request.chaos ? { chaos: CHAOS } : {}),
  });
  servers.set(server.url, server);
  return server.url;
};

/** Stops the mock server at `url`: parked polls end, the port is freed. */
export const stopMockServer: BrowserCommand<[url: string]> = async (_, url) => {
  await servers.get(url)?.close();
  servers.delete(url);
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
    servers.get(url)?.clock.advance(ms);
  } finally {
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await cdp.detach();
  }
};
