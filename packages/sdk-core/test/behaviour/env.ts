import type { MockAdminClient } from '@agent-sessions/mock-server/admin-client';
import type * as Sdk from '../../src/index.js';

/** The module under test: the core, or a platform SDK that re-exports it. */
export type SdkModule = typeof Sdk;

/** A mock server the suite talks to, over HTTP only. */
export interface ServerEnv {
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Drives that server over HTTP (`/_mock/*`). */
  control: MockAdminClient;
}

/**
 * What a runner (Node, a browser) gives the shared suite. Properties are read inside tests,
 * so a runner may define them as getters over servers it starts in `beforeAll`.
 */
export interface BehaviourEnv extends ServerEnv {
  /** The SDK module under test; the suite reaches every export through it. */
  sdk: SdkModule;
  /** A key the servers accept. */
  apiKey: string;
  /** A second server started with `chaos: CHAOS` and the same fixtures, for the chaos test only. */
  chaos: ServerEnv;
  /** A fresh client for `baseUrl` with `apiKey`; `options` override (e.g. `baseUrl`, `fetch`). */
  createClient(options?: Sdk.ClientOptions): Sdk.AgentSessions;
}

/** The chaos of the chaos server: seeded, so a failing run replays exactly. */
export const CHAOS = { rate: 0.3, seed: 20261124 } as const;
