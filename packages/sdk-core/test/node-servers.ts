import {
  createMockServer,
  MockAdminClient,
  type MockServer,
  scenarios,
} from '@agent-sessions/mock-server';
import { afterAll, beforeAll } from 'vitest';
import type { ClientOptions } from '../src/index.js';
import { type BehaviourEnv, behaviourFixtures, CHAOS, type SdkModule } from './behaviour/suite.js';

/**
 * Starts the two mock servers the shared suite needs for this test file (virtual clock) and
 * returns the suite's environment over them, with clients made by `sdk`.
 */
export function useBehaviourEnv(sdk: SdkModule): BehaviourEnv {
  const fixtures = [...Object.values(scenarios), ...behaviourFixtures];
  let main: MockServer;
  let chaos: MockServer;
  beforeAll(async () => {
    [main, chaos] = await Promise.all([
      createMockServer({ fixtures }),
      createMockServer({ fixtures, chaos: CHAOS }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([main.close(), chaos.close()]);
  });
  return {
    sdk,
    apiKey: 'test-key',
    get baseUrl() {
      return main.url;
    },
    get control() {
      return new MockAdminClient(main.url);
    },
    chaos: {
      get baseUrl() {
        return chaos.url;
      },
      get control() {
        return new MockAdminClient(chaos.url);
      },
    },
    createClient(options?: ClientOptions) {
      return new sdk.AgentSessions({ apiKey: 'test-key', baseUrl: main.url, ...options });
    },
  };
}
