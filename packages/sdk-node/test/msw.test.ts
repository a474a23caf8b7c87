import { MockControl, scenarios } from '@agent-sessions/mock-server/engine';
import { createMockHandlers } from '@agent-sessions/mock-server/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import {
  type BehaviourEnv,
  behaviourFixtures,
  CHAOS,
  defineBehaviourSuite,
  type SdkModule,
} from '../../sdk-core/test/behaviour/suite.js';
import * as sdk from '../src/index.js';

// The shared behaviour suite again, with the Node SDK's own global `fetch` intercepted by MSW
// (`setupServer`) and answered by the mock engine in this process: no port, no socket. The main
// engine sits at the SDK's default base URL, so clients are made without a `baseUrl`.
const CHAOS_BASE_URL = 'https://chaos.agent-sessions.test';
const fixtures = [...Object.values(scenarios), ...behaviourFixtures];
const main = createMockHandlers({ fixtures });
const chaos = createMockHandlers({ baseUrl: CHAOS_BASE_URL, fixtures, chaos: CHAOS });
const server = setupServer(...main.handlers, ...chaos.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  main.engine.close();
  chaos.engine.close();
});

const env: BehaviourEnv = {
  // The suite is typed against the core's source; this module re-exports the core's build.
  sdk: sdk as unknown as SdkModule,
  apiKey: 'test-key',
  baseUrl: sdk.DEFAULT_BASE_URL,
  control: new MockControl(sdk.DEFAULT_BASE_URL),
  chaos: { baseUrl: CHAOS_BASE_URL, control: new MockControl(CHAOS_BASE_URL) },
  createClient(options) {
    // No baseUrl: the default one, where the handlers answer. The environment variable would
    // win over it, so this client reads no environment.
    return new sdk.AgentSessions({
      apiKey: 'test-key',
      platform: { env: () => undefined },
      ...options,
    }) as unknown as ReturnType<BehaviourEnv['createClient']>;
  },
};

defineBehaviourSuite(env);
