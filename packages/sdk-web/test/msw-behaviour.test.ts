import { setupWorker } from 'msw/browser';
import { afterAll, beforeAll } from 'vitest';
import { mswEngines } from '../../sdk-core/test/behaviour/msw-engines.ts';
import {
  type BehaviourEnv,
  defineBehaviourSuite,
  type SdkModule,
} from '../../sdk-core/test/behaviour/suite.ts';
import * as sdk from '../src/index.ts';
import { MSW_WORKER_URL } from './msw-worker-url.ts';

// The shared behaviour suite in Chromium with no server at all: the mock engines run in this
// page behind MSW's service worker, one at the SDK's default base URL, one with chaos.
const engines = mswEngines(sdk.DEFAULT_BASE_URL);
const worker = setupWorker(...engines.handlers);

beforeAll(async () => {
  await worker.start({
    serviceWorker: { url: MSW_WORKER_URL },
    quiet: true,
    onUnhandledRequest: 'bypass',
  });
});
afterAll(() => {
  // Stopped, not unregistered (see msw-worker.test.ts).
  worker.stop();
  engines.close();
});

defineBehaviourSuite({
  // The suite is typed against the core's source; this module re-exports the core's build.
  sdk: sdk as unknown as SdkModule,
  apiKey: 'test-key',
  ...engines.servers,
  createClient(options) {
    return new sdk.AgentSessions({
      apiKey: 'test-key',
      dangerouslyAllowBrowser: true,
      ...options,
    }) as unknown as ReturnType<BehaviourEnv['createClient']>;
  },
});
