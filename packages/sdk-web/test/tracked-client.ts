import { trackingFetch } from '../../sdk-core/test/behaviour/tools.ts';
import { AgentSessions, type FetchLike, type Platform } from '../src/index.ts';
import type { MockServerRef } from './mock-servers.ts';

/**
 * A browser client over `server` whose requests are tracked (sent, in flight) and whose failed
 * fetches are collected; its retries wait 0 ms (`random: () => 0`) unless `platform` says so.
 */
export function trackedClient(
  server: MockServerRef,
  options: { maxRetries?: number; platform?: Partial<Platform> } = {},
): { client: AgentSessions; tracker: ReturnType<typeof trackingFetch>; failures: unknown[] } {
  const tracker = trackingFetch();
  const failures: unknown[] = [];
  const fetch: FetchLike = (input, init) =>
    tracker.fetch(input, init).catch((error: unknown) => {
      failures.push(error);
      throw error;
    });
  const client = new AgentSessions({
    apiKey: 'test-key',
    dangerouslyAllowBrowser: true,
    baseUrl: server.url,
    fetch,
    maxRetries: options.maxRetries,
    platform: { random: () => 0, ...options.platform },
  });
  return { client, tracker, failures };
}
