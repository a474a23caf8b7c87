/**
 * What a fault rule says: the fault kinds, a scripted {@link FaultRule}, what the admin surface
 * lists of it, and the options of seeded random faults (chaos).
 */
import type { OperationId } from '../api/operations.js';

/**
 * What a fault does to a response. `rate_limit`: 429 with `Retry-After`. `server_error`: 5xx.
 * `delay`: the normal answer after `delayMs` (fixed, or drawn from a range) on the server's
 * clock. `reset`: the connection is destroyed without a response. `truncate`: headers and half
 * the body, then the connection is cut. `malformed`: 200 with a body that is not JSON.
 * `dribble`: the normal answer, its body sent `chunkBytes` at a time with `pauseMs` of real
 * time between chunks (a slow network).
 */
export type FaultKind =
  | 'rate_limit'
  | 'server_error'
  | 'delay'
  | 'reset'
  | 'truncate'
  | 'malformed'
  | 'dribble';

/** Every fault kind. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'rate_limit',
  'server_error',
  'delay',
  'reset',
  'truncate',
  'malformed',
  'dribble',
];

// What chaos picks from by default, in this order (a seed replays the same faults as before
// `dribble` existed; a dribbled body takes real seconds, so it is opt-in).
export const CHAOS_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => kind !== 'dribble');

/** A random delay: uniform in `[min, max]` ms, drawn from the rule's seeded sequence. */
export interface DelayRange {
  /** Shortest delay in ms. Example: 50. */
  min: number;
  /** Longest delay in ms. Example: 500. */
  max: number;
}

/**
 * A scripted fault. `rate_limit`, `server_error` and `reset` strike before the operation runs
 * (the session is untouched); `delay`, `truncate` and `malformed` let it run, then hold or
 * damage the response (a lost response: retry with the same `Idempotency-Key`).
 *
 * @example { operation: 'sendSessionMessage', call: 1, kind: 'reset' } // the first message call
 */
export interface FaultRule {
  /** The spec `operationId` the rule applies to. */
  operation: OperationId;
  /** The Nth matching call after the rule was added (1-based). Default: every call. */
  call?: number;
  /** With `call`: also the following `times - 1` calls. Default 1. */
  times?: number;
  /** Only calls for this session. Default: any. */
  sessionId?: string;
  kind: FaultKind;
  /** `server_error` status, 500 to 599. Default 500. Example: 503. */
  status?: number;
  /**
   * `rate_limit` and `server_error`: `Retry-After` in seconds. Default 0 for `rate_limit` and a
   * 503, none for another 5xx.
   */
  retryAfterS?: number;
  /**
   * `rate_limit` and `server_error`: `Retry-After-Ms`, the wait in milliseconds (and a
   * `Retry-After` of the same wait rounded up to seconds unless `retryAfterS` is set).
   * Default none. Example: 250.
   */
  retryAfterMs?: number;
  /**
   * `rate_limit` and `server_error`: `X-Should-Retry: true` or `false`, the server's word on
   * whether to retry. Default none (the client decides by status).
   */
  shouldRetry?: boolean;
  /**
   * `delay`: how long to hold the response, in ms of the server's clock: a number, or a
   * {@link DelayRange} to draw from. Default 1000. Example: `{ min: 50, max: 500 }`.
   */
  delayMs?: number | DelayRange;
  /** `delay` with a range: the seed of the draws (same seed, same delays). Default 0. */
  seed?: number;
  /** `dribble`: bytes per chunk. Default 16. */
  chunkBytes?: number;
  /** `dribble`: real milliseconds between chunks. Default 100. */
  pauseMs?: number;
}

/** A scripted rule as {@link FaultSet.list} reports it: its id, the rule and calls seen so far. */
export interface FaultEntry {
  id: string;
  rule: FaultRule;
  /** Matching calls counted since the rule was added. */
  seen: number;
}

/**
 * Seeded random faults: each matching call fails with probability `rate`, with a kind drawn
 * from `kinds`. The same seed and the same calls give the same faults.
 */
export interface ChaosOptions {
  /** Probability in [0, 1] that a call is faulted. Example: 0.2. */
  rate: number;
  /** Seed of the random sequence. Example: 42. */
  seed: number;
  /** Kinds to draw from. Default: every {@link FaultKind} but `dribble`. */
  kinds?: FaultKind[];
  /** Operations chaos applies to. Default: all. */
  operations?: OperationId[];
}
