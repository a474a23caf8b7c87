/**
 * The one interface the request pipeline (`api/`) and the admin routes (`admin/`) see of the
 * engine: its state and the few moves on it. `MockEngine` implements it; nothing in `api/` or
 * `admin/` reaches into the engine otherwise.
 */
import type { CreateSessionRequest, KnownTokenScope, SessionToken } from '@agent-sessions/protocol';
import type { MockAdmin } from '../admin/routes.js';
import type { Reply } from '../api/responses.js';
import type { FaultSet } from '../faults/fault-set.js';
import type { Clock } from './clock.js';
import type { IdempotencyStore } from './idempotency-store.js';
import type { ResolvedEngineOptions } from './options.js';
import type { Parking } from './parking.js';
import type { SessionRun } from './session-run.js';
import type { SessionTokenStore } from './session-tokens.js';

/** The engine as the pipeline reads and changes it. */
export interface EngineState {
  readonly options: ResolvedEngineOptions;
  readonly clock: Clock;
  readonly faults: FaultSet;
  readonly parking: Parking;
  readonly idempotency: IdempotencyStore<Reply>;
  readonly tokens: SessionTokenStore;
  /** The admin surface the `/_mock` routes call. */
  readonly admin: MockAdmin;
  /** True once the engine closed: API requests get a 503. */
  readonly closed: boolean;
  /** Aborted when the engine closes (ends what runs on real timers). */
  readonly closing: AbortSignal;
  /** Bumped by every reset: a request compares the one it arrived in. */
  readonly generation: number;
  /** Starts a session for a checked create body (a 400 for an unknown scenario). */
  createSession(body: CreateSessionRequest): SessionRun;
  /** Every session, newest first. */
  sessionsNewestFirst(): SessionRun[];
  /** The session with this path id (a read: a finished one stays longer); else the 400/404. */
  session(id: string | undefined): SessionRun;
  /** The 400 (malformed id) or 404 for a session id no session has. */
  missingSession(id: string | undefined): never;
  /** Mints a session token for `run`. */
  mintToken(run: SessionRun, scopes: KnownTokenScope[], expiresInS: number): SessionToken;
  /** Waits until `run` has events past `from`, ends, the wait passes, or the client leaves. */
  waitForChanges(run: SessionRun, from: number, waitMs: number, signal: AbortSignal): Promise<void>;
}
