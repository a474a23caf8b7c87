/**
 * The engine's options: what `MockEngineOptions` may hold, and {@link resolveEngineOptions},
 * which checks every one of them once, at start, and fills in the defaults. A bad option is a
 * `MockInputError` naming it (never quoting a secret).
 */
import type { WireEvent } from '@agent-sessions/protocol';
import { type AdminAccessOptions, checkAdminAccess } from '../api/cors.js';
import { MockInputError } from '../errors.js';
import { type ChaosOptions, type FaultRule, FaultSet } from '../faults/fault-set.js';
import { ensureFixture, type Fixture } from '../fixture/fixture.js';
import {
  type Clock,
  type ClockOption,
  capturedHostTime,
  createClock,
  type HostTime,
} from './clock.js';
import { apiKeyList, nonNegativeInt, optionalBoolean, optionalFunction } from './option-checks.js';

/** How long the mock remembers things it would otherwise keep forever. */
export interface RetentionOptions {
  /** Ms of the server's clock an idempotency key is kept. Default 86,400,000 (24 h, as the spec says). */
  idempotencyTtlMs?: number;
  /** Idempotency keys kept at most; the oldest go first. Default 10,000. */
  idempotencyKeys?: number;
  /**
   * Ms of the server's clock a finished session is kept after it was last read (or ended).
   * Default 86,400,000.
   */
  finishedSessionTtlMs?: number;
  /**
   * Finished sessions kept at most; the least recently read go first. A session a poll is
   * parked on, or one read in the last `readGraceMs`, is never evicted (the count may exceed
   * this meanwhile). Default 1,000.
   */
  finishedSessions?: number;
  /** Real ms after its last read during which a finished session is never evicted. Default 30,000. */
  readGraceMs?: number;
}

/** Options of the engine (and of `createMockServer`). */
export interface MockEngineOptions {
  /** Accepted Bearer keys. Default `['test-key']`. */
  apiKeys?: string[];
  /** The scenarios sessions play. Default: the built-in catalog. */
  fixtures?: Fixture[];
  /** `'virtual'` (default) or `{ mode: 'real', speed: 1 }`. A ready {@link Clock} also works. */
  clock?: ClockOption | Clock;
  /** Virtual clock only: jump to the next scheduled thing when every client is waiting. Default true. */
  autoAdvance?: boolean;
  /** Scripted faults, matched in order. Default none. */
  faults?: FaultRule[];
  /** Seeded random faults. Default off. */
  chaos?: ChaosOptions;
  /** Check every response against the protocol's schemas (a mismatch is a 500). Default true. */
  validateResponses?: boolean;
  /** The host's real timers and clocks (see {@link HostTime}). Default: the global ones, captured at load. */
  timers?: HostTime;
  /** Runs `fn` soon, after pending I/O (Node: `setImmediate`). Default: a 0 ms real timeout. */
  defer?: (fn: () => void) => void;
  /**
   * Sees every event as it is appended, before parked polls wake (for logs and benchmarks).
   * Default none. Example: `(id, event) => console.log(id, event.type)`.
   */
  onEvent?: (sessionId: string, event: WireEvent) => void;
  /** The largest request body read, in bytes; a larger one is answered 413. Default 1,048,576 (1 MiB). */
  maxBodyBytes?: number;
  /** Who may call the `/_mock/*` admin routes. Default: same-origin and non-browser callers only. */
  admin?: AdminAccessOptions;
  /** How long idempotency keys and finished sessions are kept. Defaults: see {@link RetentionOptions}. */
  retention?: RetentionOptions;
  /** Request journal entries kept (the newest). Default 1,000; 0 keeps none. */
  journalLimit?: number;
}

/** The name of the scenario a session plays when `metadata.scenario` is absent. */
export const DEFAULT_SCENARIO = 'short-answer';

const DAY_MS = 86_400_000;

/** Every option checked, with its default filled in. */
export interface ResolvedEngineOptions {
  apiKeys: Set<string>;
  fixtures: Map<string, Fixture>;
  defaultScenario: string;
  clock: Clock;
  faults: FaultSet;
  autoAdvance: boolean;
  validateResponses: boolean;
  timers: HostTime;
  defer: (fn: () => void) => void;
  onEvent: MockEngineOptions['onEvent'];
  maxBodyBytes: number;
  admin: AdminAccessOptions;
  idempotency: { ttlMs: number; maxKeys: number };
  finishedTtlMs: number;
  finishedLimit: number;
  readGraceMs: number;
  journalLimit: number;
}

/** Checks every option once and fills in the defaults; throws a `MockInputError` naming a bad one. */
export function resolveEngineOptions(
  options: MockEngineOptions & { fixtures: Fixture[] },
): ResolvedEngineOptions {
  const timers = options.timers ?? capturedHostTime;
  const clock =
    options.clock && typeof options.clock === 'object' && 'schedule' in options.clock
      ? options.clock
      : createClock(options.clock, timers);
  const faults = new FaultSet(options.faults, options.chaos);
  const apiKeys = new Set(apiKeyList(options.apiKeys, ['test-key']));
  optionalBoolean(options.autoAdvance, 'autoAdvance');
  optionalBoolean(options.validateResponses, 'validateResponses');
  optionalFunction(options.onEvent, 'onEvent');
  optionalFunction(options.defer, 'defer');
  const fixtures = fixtureMap(options.fixtures);
  const maxBodyBytes = nonNegativeInt(options.maxBodyBytes, 1_048_576, 'maxBodyBytes');
  const admin = checkAdminAccess(options.admin);
  const retention = options.retention ?? {};
  if (typeof retention !== 'object' || retention === null) {
    throw new MockInputError('retention: expected an object');
  }
  const idempotency = {
    ttlMs: nonNegativeInt(retention.idempotencyTtlMs, DAY_MS, 'retention.idempotencyTtlMs'),
    maxKeys: nonNegativeInt(retention.idempotencyKeys, 10_000, 'retention.idempotencyKeys'),
  };
  const finishedTtlMs = nonNegativeInt(
    retention.finishedSessionTtlMs,
    DAY_MS,
    'retention.finishedSessionTtlMs',
  );
  const finishedLimit = nonNegativeInt(
    retention.finishedSessions,
    1_000,
    'retention.finishedSessions',
  );
  const readGraceMs = nonNegativeInt(retention.readGraceMs, 30_000, 'retention.readGraceMs');
  return {
    apiKeys,
    fixtures,
    defaultScenario: fixtures.has(DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : options.fixtures[0]!.name,
    clock,
    faults,
    autoAdvance: clock.mode === 'virtual' && (options.autoAdvance ?? true),
    validateResponses: options.validateResponses ?? true,
    timers,
    defer: options.defer ?? ((fn) => timers.setTimeout(fn, 0)),
    onEvent: options.onEvent,
    maxBodyBytes,
    admin,
    idempotency,
    finishedTtlMs,
    finishedLimit,
    readGraceMs,
    journalLimit: nonNegativeInt(options.journalLimit, 1_000, 'journalLimit'),
  };
}

function fixtureMap(list: unknown): Map<string, Fixture> {
  if (!Array.isArray(list) || list.length === 0) {
    throw new MockInputError('fixtures: expected an array of at least one fixture');
  }
  const fixtures = new Map<string, Fixture>();
  list.forEach((value, i) => {
    const fixture = ensureFixture(value, `fixtures[${i}]`);
    if (fixtures.has(fixture.name)) {
      throw new MockInputError(
        `fixtures[${i}]: another fixture is already named "${fixture.name}"`,
      );
    }
    fixtures.set(fixture.name, fixture);
  });
  return fixtures;
}
