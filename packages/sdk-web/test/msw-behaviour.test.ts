import { MockControl, scenarios } from '@agent-sessions/mock-server/engine';
import { createMockHandlers } from '@agent-sessions/mock-server/msw';
import { setupWorker } from 'msw/browser';
import { afterAll, beforeAll } from 'vitest';
import {
  type BehaviourEnv,
  behaviourFixtures,
  CHAOS,
  defineBehaviourSuite,
  type SdkModule,
} from '../../sdk-core/test/behaviour/suite.ts';
import * as sdk from '../src/index.ts';
import { MSW_WORKER_URL } from './msw-worker-url.ts';

// The shared behaviour suite in Chromium with no server at all: the mock engines run in this
// page behind MSW's service worker, one at the SDK's default base URL, one with chaos.
const CHAOS_BASE_URL = 'https://chaos.agent-sessions.test';
const fixtures = [...Object.values(scenarios), ...behaviourFixtures];
const main = createMockHandlers({ fixtures });
const chaos = createMockHandlers({ baseUrl: CHAOS_BASE_URL, fixtures, chaos: CHAOS });
const worker = setupWorker(...main.handlers, ...chaos.handlers);

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
  main.engine.close();
  chaos.engine.close();
});

defineBehaviourSuite({
  // The suite is typed against the core's source; this module re-exports the core's build.
  sdk: sdk as unknown as SdkModule,
  apiKey: 'test-key',
  baseUrl: sdk.DEFAULT_BASE_URL,
  control: new MockControl(sdk.DEFAULT_BASE_URL),
  chaos: { baseUrl: CHAOS_BASE_URL, control: new MockControl(CHAOS_BASE_URL) },
  createClient(options) {
    return new sdk.AgentSessions({
      apiKey: 'test-key',
      dangerouslyAllowBrowser: true,
      ...options,
    }) as unknown as ReturnType<BehaviourEnv['createClient']>;
  },
});
