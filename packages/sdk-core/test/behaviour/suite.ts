import { defineCallTests } from './calls.js';
import { defineEdgeTests } from './edges.js';
import type { BehaviourEnv } from './env.js';
import { defineErrorTests } from './errors.js';
import { defineFeatureTests } from './features.js';
import { defineIdempotencyTests } from './idempotency.js';
import { defineNetworkErrorTests } from './network-errors.js';
import { defineRetryTests } from './retries.js';
import { defineSecretTests } from './secrets.js';
import { defineTokenTests } from './tokens.js';
import { defineUsageErrorTests } from './usage-errors.js';
import { defineWatchTests } from './watch.js';

export type { BehaviourEnv, SdkModule, ServerEnv } from './env.js';
export { CHAOS } from './env.js';
export { behaviourFixtures } from './fixtures.js';

/**
 * The SDK's behaviour tests, shared by every runtime. A runner starts two mock servers (one
 * plain, one with `chaos: CHAOS`), both with the built-in scenarios plus `behaviourFixtures`,
 * and passes their URLs, `MockAdminClient`s and the SDK under test. Everything here talks to the
 * servers over HTTP and uses only web APIs, so it runs in Node and in a browser alike.
 */
export function defineBehaviourSuite(env: BehaviourEnv): void {
  defineCallTests(env);
  defineErrorTests(env);
  defineRetryTests(env);
  defineWatchTests(env);
  defineEdgeTests(env);
  defineFeatureTests(env);
  defineIdempotencyTests(env);
  defineUsageErrorTests(env);
  defineSecretTests(env);
  defineNetworkErrorTests(env);
  defineTokenTests(env);
}
