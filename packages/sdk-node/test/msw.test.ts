import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { mswEngines } from '../../sdk-core/test/behaviour/msw-engines.js';
import {
  type BehaviourEnv,
  defineBehaviourSuite,
  type SdkModule,
} from '../../sdk-core/test/behaviour/suite.js';
import * as sdk from '../src/index.js';

// The shared behaviour suite again, with the Node SDK's own global `fetch` intercepted by MSW
// (`setupServer`) and answered by the mock engines in this process: no port, no socket.
const engines = mswEngines(sdk.DEFAULT_BASE_URL);
const server = setupServer(...engines.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  engines.close();
});

const env: BehaviourEnv = {
  // The suite is typed against the core's source; this module re-exports the core's build.
  sdk: sdk as unknown as SdkModule,
  apiKey: 'test-key',
  ...engines.servers,
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
