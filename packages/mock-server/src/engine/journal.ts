/**
 * The request journal: every API request the mock received (operation, session, status,
 * fault, key, credential), bounded to the newest, and the filters tests query it with.
 */
import { OPERATION_IDS, type OperationId } from '../api/operations.js';
import { MockInputError } from '../errors.js';
import { FAULT_KINDS, type FaultKind } from '../faults/fault-set.js';

/** One request the mock received, as the journal keeps it. */
export interface JournalEntry {
  /** 1, 2, 3...: the order requests arrived in (never reused, even after `clear`). */
  seq: number;
  /** The request id the response carried (`X-Request-Id`). */
  requestId: string;
  /** When it arrived, in ms since the epoch on the server's clock. */
  at: number;
  method: string;
  /** The path as received, without the query (`/v1/sessions/ses_00000001/messages`). */
  path: string;
  /** The spec operation it called; null when no route matched. */
  operation: OperationId | null;
  /** The session named in the path; null when none. */
  sessionId: string | null;
  /** The status answered; 0 when the connection was dropped (a `reset` fault). */
  status: number;
  /** The `Idempotency-Key` header; null when absent. */
  idempotencyKey: string | null;
  /** The fault that struck it (`X-Mock-Fault`); null when none. */
  fault: string | null;
  /**
   * What it was authenticated with: the account `key` or a session `token`; null when no
   * credential was accepted (or it never got that far).
   */
  credential: 'key' | 'token' | null;
}

/**
 * Which entries to return: every given field must match exactly.
 *
 * @example { method: 'POST', operation: 'sendSessionMessage', sessionId: 'ses_00000001' }
 */
export interface JournalFilter {
  method?: string;
  path?: string;
  /** An operation, or null for requests no route matched. */
  operation?: OperationId | null;
  /** A session id, or null for requests that named none. */
  sessionId?: string | null;
  status?: number;
  /** A key, or null for requests sent without one. */
  idempotencyKey?: string | null;
  /** The fault kind that struck (`'reset'`, `'server_error'`...), or null for none. */
  fault?: FaultKind | null;
  /** `key` or `token`, or null for requests no credential was accepted for. */
  credential?: 'key' | 'token' | null;
}

/** The fields a {@link JournalFilter} may name. */
export const JOURNAL_FILTER_FIELDS = [
  'method',
  'path',
  'operation',
  'sessionId',
  'status',
  'idempotencyKey',
  'fault',
  'credential',
] as const satisfies readonly (keyof JournalFilter)[];

const NULLABLE = new Set<string>([
  'operation',
  'sessionId',
  'idempotencyKey',
  'fault',
  'credential',
]);

/**
 * Checks a journal filter: a plain object naming only {@link JOURNAL_FILTER_FIELDS`}, each of
 * its type. Throws a TypeError naming the first bad field (a misspelt one would otherwise
 * match everything).
 */
export function checkJournalFilter(filter: unknown): JournalFilter | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new MockInputError(
      'journal filter: expected an object such as { operation: "getSession" }',
    );
  }
  for (const [key, value] of Object.entries(filter)) {
    const fail = (expected: string): never => {
      throw new MockInputError(`journal filter.${key.slice(0, 40)}: expected ${expected}`);
    };
    if (!(JOURNAL_FILTER_FIELDS as readonly string[]).includes(key)) {
      fail(`no such field (one of ${JOURNAL_FILTER_FIELDS.join(', ')})`);
    }
    if (value === undefined || (value === null && NULLABLE.has(key))) continue;
    if (key === 'status') {
      if (!Number.isInteger(value)) fail('an integer status code');
    } else if (key === 'operation') {
      if (!(OPERATION_IDS as readonly unknown[]).includes(value)) {
        fail(`one of ${OPERATION_IDS.join(', ')}${NULLABLE.has(key) ? ', or null' : ''}`);
      }
    } else if (key === 'fault') {
      if (!FAULT_KINDS.includes(value as FaultKind))
        fail(`one of ${FAULT_KINDS.join(', ')}, or null`);
    } else if (key === 'credential') {
      if (value !== 'key' && value !== 'token') fail('key, token, or null');
    } else if (typeof value !== 'string') {
      fail(NULLABLE.has(key) ? 'a string or null' : 'a string');
    }
  }
  return filter as JournalFilter;
}

/** The request journal: what a test asserts on ("the message was POSTed exactly once"). */
export interface MockJournal {
  /** The entries matching `filter` (all without one), oldest first. */
  list(filter?: JournalFilter): JournalEntry[];
  /** The first entry matching `filter`, or undefined. */
  find(filter: JournalFilter): JournalEntry | undefined;
  /** How many entries match `filter`. */
  count(filter?: JournalFilter): number;
  /** Forgets every entry. */
  clear(): void;
}

function matches(entry: JournalEntry, filter: JournalFilter | undefined): boolean {
  if (!filter) return true;
  for (const field of JOURNAL_FILTER_FIELDS) {
    const wanted = filter[field];
    if (wanted !== undefined && entry[field] !== wanted) return false;
  }
  return true;
}

/** A bounded journal: past `limit` entries the oldest are dropped (a ring, so recording is O(1)). */
export class RequestJournal implements MockJournal {
  readonly #limit: number;
  #ring: JournalEntry[] = [];
  // Index of the oldest entry once the ring is full.
  #start = 0;
  #seq = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Records one request; returns its entry. */
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = { seq: ++this.#seq, ...entry };
    if (this.#limit <= 0) return full;
    if (this.#ring.length < this.#limit) this.#ring.push(full);
    else {
      this.#ring[this.#start] = full;
      this.#start = (this.#start + 1) % this.#limit;
    }
    return full;
  }

  // Oldest first.
  *#entries(): Generator<JournalEntry> {
    const length = this.#ring.length;
    for (let i = 0; i < length; i++) yield this.#ring[(this.#start + i) % length]!;
  }

  list(filter?: JournalFilter): JournalEntry[] {
    checkJournalFilter(filter);
    const out: JournalEntry[] = [];
    for (const entry of this.#entries()) if (matches(entry, filter)) out.push({ ...entry });
    return out;
  }

  find(filter: JournalFilter): JournalEntry | undefined {
    checkJournalFilter(filter);
    for (const entry of this.#entries()) if (matches(entry, filter)) return { ...entry };
    return undefined;
  }

  count(filter?: JournalFilter): number {
    checkJournalFilter(filter);
    if (!filter) return this.#ring.length;
    let count = 0;
    for (const entry of this.#entries()) if (matches(entry, filter)) count += 1;
    return count;
  }

  clear(): void {
    this.#ring = [];
    this.#start = 0;
  }
}
