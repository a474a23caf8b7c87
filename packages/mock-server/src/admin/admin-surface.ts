/**
 * The mock's admin surface: {@link MockAdmin}, the one set of names for driving the mock from a
 * test (the engine implements it, `MockAdminClient` mirrors it over HTTP), and the types derived
 * from it.
 */
import type { Session, WireEvent } from '@agent-sessions/protocol';
import type { MockJournal } from '../engine/journal.js';
import type { FaultEntry, FaultRule } from '../faults/fault-set.js';

/** A session as the admin surface shows it: its snapshot and full event log. */
export interface SessionInspection {
  session: Session;
  events: WireEvent[];
}

/** What {@link MockAdmin.stats} reports. */
export interface MockStats {
  /** Sessions the server holds. */
  sessions: number;
  /** Long-polls (`changes`) parked, waiting for an event. */
  parked: number;
  /** Responses held by a `delay` fault. */
  held: number;
  /** Idempotency keys remembered. */
  idempotencyKeys: number;
  /** Session tokens remembered (live, and expired ones still answered `token_expired`). */
  tokens: number;
  /** Entries in the request journal. */
  journal: number;
}

/**
 * The mock's admin surface, the one set of names for driving it from a test. The engine
 * implements it; the `/_mock/*` HTTP routes are built from it ({@link ADMIN_ROUTES}); and
 * `MockAdminClient` mirrors it over HTTP with the same names, every method async.
 *
 * @example
 * engine.faults.add({ operation: 'getSession', call: 1, kind: 'rate_limit' });
 * expect(engine.journal.count({ operation: 'sendSessionMessage' })).toBe(1);
 */
export interface MockAdmin {
  /** The sessions the mock holds. */
  readonly sessions: {
    /** Every session's snapshot, oldest first. */
    list(): Session[];
    /** A session's snapshot and full event log; undefined for an unknown id. */
    get(id: string): SessionInspection | undefined;
  };
  /** Forgets every session, idempotency key, journal entry and scripted fault; wakes parked polls. */
  reset(): void;
  /** The server's clock. */
  readonly clock: {
    /** Milliseconds since the epoch on the server's clock. */
    now(): number;
    /** Moves the clock forward `ms` (a bad `ms` throws and moves nothing); returns the new now. */
    advance(ms: number): number;
  };
  /** Scripted faults, matched in the order they were added. */
  readonly faults: {
    /** Adds a rule (checked first: a bad rule throws a TypeError naming the field); returns its id. */
    add(rule: FaultRule): string;
    /** Removes one rule; false when no rule has this id. */
    remove(id: string): boolean;
    /** Removes every scripted rule. */
    clear(): void;
    /** The rules, with the calls each has counted. */
    list(): FaultEntry[];
  };
  /** Counts: sessions, parked polls, held responses, idempotency keys, journal entries. */
  stats(): MockStats;
  /** Every API request received (not the `/_mock` ones), bounded to the newest entries. */
  readonly journal: MockJournal;
}

/** Every method of T, as dotted names (`faults.add`). */
type MethodNames<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends (...args: never[]) => unknown
    ? `${Prefix}${K}`
    : MethodNames<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every admin method by its dotted name: `'sessions.get'`, `'faults.add'`, `'stats'`... */
export type AdminMethod = MethodNames<MockAdmin>;

/** `MockAdmin` with every method returning a promise: what `MockAdminClient` implements. */
export type AsyncMockAdmin = {
  readonly [K in keyof MockAdmin]: MockAdmin[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<R>
    : {
        readonly [M in keyof MockAdmin[K]]: MockAdmin[K][M] extends (...args: infer A) => infer R
          ? (...args: A) => Promise<R>
          : never;
      };
};
