import { MockAdminClient, scenarios } from '@agent-sessions/mock-server/engine';
import { createMockHandlers } from '@agent-sessions/mock-server/msw';
import { type BehaviourEnv, CHAOS } from './env.js';
import { behaviourFixtures } from './fixtures.js';

/** Where the chaos engine answers when the suite runs behind MSW. */
export const CHAOS_BASE_URL = 'https://chaos.agent-sessions.test';

/**
 * The suite's two mock servers as in-process engines behind MSW handlers (for `setupServer` in
 * Node or `setupWorker` in a page): a plain one at `baseUrl` (the SDK's default base URL, so
 * clients are made without one) and one with `chaos: CHAOS`.
 */
export function mswEngines(baseUrl: string) {
  const fixtures = [...Object.values(scenarios), ...behaviourFixtures];
  const main = createMockHandlers({ baseUrl, fixtures });
  const chaos = createMockHandlers({ baseUrl: CHAOS_BASE_URL, fixtures, chaos: CHAOS });
  const servers: Pick<BehaviourEnv, 'baseUrl' | 'control' | 'chaos'> = {
    baseUrl,
    control: new MockAdminClient(baseUrl),
    chaos: { baseUrl: CHAOS_BASE_URL, control: new MockAdminClient(CHAOS_BASE_URL) },
  };
  return {
    handlers: [...main.handlers, ...chaos.handlers],
    servers,
    close() {
      main.engine.close();
      chaos.engine.close();
    },
  };
}
