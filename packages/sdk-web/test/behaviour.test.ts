import {
  type BehaviourEnv,
  defineBehaviourSuite,
  type SdkModule,
} from '../../sdk-core/test/behaviour/suite.ts';
import * as sdk from '../src/index.ts';
import { mockServerForFile } from './mock-servers.ts';

// The shared behaviour suite (the same cases sdk-node runs), here in Chromium against real mock
// servers on another origin. Clients use the browser SDK with a static key, opted in.
const main = mockServerForFile();
const chaos = mockServerForFile({ chaos: true });

const env: BehaviourEnv = {
  // The suite is typed against the core's source; this module re-exports the core's build.
  sdk: sdk as unknown as SdkModule,
  apiKey: 'test-key',
  get baseUrl() {
    return main.url;
  },
  get control() {
    return main.control;
  },
  chaos: {
    get baseUrl() {
      return chaos.url;
    },
    get control() {
      return chaos.control;
    },
  },
  createClient(options) {
    return new sdk.AgentSessions({
      apiKey: 'test-key',
      dangerouslyAllowBrowser: true,
      baseUrl: main.url,
      ...options,
    }) as unknown as ReturnType<BehaviourEnv['createClient']>;
  },
};

defineBehaviourSuite(env);
