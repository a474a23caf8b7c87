/**
 * The mock's admin surface ({@link MockAdmin}) and its `/_mock` route table: one route per
 * admin method, holding its HTTP method, path, success status and 404 rule, how the server reads
 * its input and how `MockControl` sends it.
 */
import type { Session, SessionEvent } from '@agent-sessions/protocol';
import { ProblemError } from '../api/problem.js';
import {
  checkJournalFilter,
  JOURNAL_FILTER_FIELDS,
  type JournalEntry,
  type JournalFilter,
  type MockJournal,
} from '../engine/journal.js';
import { MockInputError } from '../errors.js';
import type { FaultEntry, FaultRule } from '../faults/fault-set.js';

/** A session as the admin surface shows it: its snapshot and full event log. */
export interface SessionInspection {
  session: Session;
  events: SessionEvent[];
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
 * `MockControl` mirrors it over HTTP with the same names, every method async.
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

/** `MockAdmin` with every method returning a promise: what `MockControl` implements. */
export type AsyncMockAdmin = {
  readonly [K in keyof MockAdmin]: MockAdmin[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<R>
    : {
        readonly [M in keyof MockAdmin[K]]: MockAdmin[K][M] extends (...args: infer A) => infer R
          ? (...args: A) => Promise<R>
          : never;
      };
};

/** One admin call as HTTP: what the server reads and what the client sends. */
export interface AdminRequestParts {
  /** The path under `/_mock`, with its id segment encoded. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
}

/** One `/_mock` route, built from one {@link MockAdmin} method. */
export interface AdminRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** The path under `/_mock`; `:id` stands for one path segment. */
  path: string;
  /** Server side: checks the input and calls the admin method; returns the JSON answer. */
  serve(admin: MockAdmin, input: { id: string; query: URLSearchParams; body: unknown }): unknown;
  /** The success status. Default 200. */
  status?: 201;
  /** The 404 rule: the problem for an answer that names nothing (an unknown id). */
  missing?(value: unknown, id: string): ProblemError | undefined;
  /** Client side: the request for the method's arguments. */
  request(args: unknown[]): AdminRequestParts;
  /** Client side: the method's result from the JSON answer. */
  read(json: unknown): unknown;
}

function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MockInputError(`${what}: expected a JSON object body`);
  }
  return body as Record<string, unknown>;
}

/** Refuses any field of a body a route does not read (`{}` or no body at all is fine). */
function noFields(body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    throw new MockInputError(`body.${key.slice(0, 40)}: is not a known field`);
  }
}

function noQuery(query: URLSearchParams): void {
  for (const key of query.keys()) {
    throw new MockInputError(`query.${key.slice(0, 40)}: is not a known parameter`);
  }
}

/** Reads a journal filter from a query string, refusing unknown, repeated or ill-typed parameters. */
export function journalFilterFromQuery(query: URLSearchParams): JournalFilter {
  const filter: Record<string, unknown> = {};
  for (const [key, value] of query) {
    if (!(JOURNAL_FILTER_FIELDS as readonly string[]).includes(key)) {
      throw new MockInputError(
        `query.${key.slice(0, 40)}: is not a journal filter (expected one of ${JOURNAL_FILTER_FIELDS.join(', ')})`,
      );
    }
    // Two values for one field cannot both match: refused rather than keeping the last.
    if (key in filter) throw new MockInputError(`query.${key}: given more than once`);
    if (key === 'status') {
      if (!/^\d{1,3}$/.test(value))
        throw new MockInputError('query.status: expected a status code');
      filter.status = Number(value);
    } else {
      filter[key] = value;
    }
  }
  try {
    return checkJournalFilter(filter) ?? {};
  } catch (error) {
    if (!(error instanceof MockInputError)) throw error;
    throw new MockInputError(error.message.replace(/^journal filter\./, 'query.'));
  }
}

function journalFilterToQuery(filter: JournalFilter | undefined): URLSearchParams {
  // Checked on the caller's side too: a field the query cannot carry would be dropped and the
  // call would count everything.
  checkJournalFilter(filter);
  const query = new URLSearchParams();
  for (const field of JOURNAL_FILTER_FIELDS) {
    const value = filter?.[field];
    if (value === null) {
      throw new TypeError(`journal filter.${field}: null cannot be sent over HTTP`);
    }
    if (value !== undefined) query.set(field, String(value));
  }
  return query;
}

const clockReading = (now: number) => ({ now, iso: new Date(now).toISOString() });
const fromReading = (json: unknown) => (json as { now: number }).now;
const same = (json: unknown) => json;
const nothing = () => undefined;

/**
 * The `/_mock` routes, one per {@link MockAdmin} method (the `satisfies` clause makes the
 * compiler refuse a method without a route). The engine serves them; `MockControl` calls them.
 */
export const ADMIN_ROUTES = {
  'sessions.list': {
    method: 'GET',
    path: '/sessions',
    serve: (admin, { query }) => {
      noQuery(query);
      return { data: admin.sessions.list() };
    },
    request: () => ({ path: '/sessions' }),
    read: (json) => (json as { data: Session[] }).data,
  },
  'sessions.get': {
    method: 'GET',
    path: '/sessions/:id',
    serve: (admin, { id, query }) => {
      noQuery(query);
      return { session: admin.sessions.get(id) ?? null };
    },
    // Its own code: `MockControl` reads it as "no such session", and a 404 from a wrong base
    // URL (`not_found`) still fails loudly.
    missing: (value, id) =>
      (value as { session: unknown }).session === null
        ? new ProblemError(404, 'session_not_found', `No session with id ${id.slice(0, 100)}.`)
        : undefined,
    request: ([id]) => ({ path: `/sessions/${encodeURIComponent(String(id))}` }),
    read: (json) => (json as { session: SessionInspection | null }).session ?? undefined,
  },
  reset: {
    method: 'POST',
    path: '/reset',
    serve: (admin, { query, body }) => {
      noQuery(query);
      if (body !== undefined) noFields(objectBody(body, 'reset'));
      admin.reset();
      return {};
    },
    request: () => ({ path: '/reset' }),
    read: nothing,
  },
  'clock.now': {
    method: 'GET',
    path: '/clock',
    serve: (admin, { query }) => {
      noQuery(query);
      return clockReading(admin.clock.now());
    },
    request: () => ({ path: '/clock' }),
    read: fromReading,
  },
  'clock.advance': {
    method: 'POST',
    path: '/clock/advance',
    serve: (admin, { query, body }) => {
      noQuery(query);
      const { ms, ...rest } = objectBody(body, 'clock.advance');
      noFields(rest);
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new MockInputError('body.ms: expected a finite number >= 0');
      }
      return clockReading(admin.clock.advance(ms));
    },
    request: ([ms]) => ({ path: '/clock/advance', body: { ms } }),
    read: fromReading,
  },
  'faults.add': {
    method: 'POST',
    path: '/faults',
    status: 201,
    serve: (admin, { query, body }) => {
      noQuery(query);
      return {
        // A bad rule is a MockInputError (400); anything else thrown is a bug (500).
        id: admin.faults.add(objectBody(body, 'faults.add') as unknown as FaultRule),
      };
    },
    request: ([rule]) => ({ path: '/faults', body: rule }),
    read: (json) => (json as { id: string }).id,
  },
  'faults.remove': {
    method: 'DELETE',
    path: '/faults/:id',
    serve: (admin, { id, query }) => {
      noQuery(query);
      return { removed: admin.faults.remove(id) };
    },
    request: ([id]) => ({ path: `/faults/${encodeURIComponent(String(id))}` }),
    read: (json) => (json as { removed: boolean }).removed,
  },
  'faults.clear': {
    method: 'DELETE',
    path: '/faults',
    serve: (admin, { query }) => {
      noQuery(query);
      admin.faults.clear();
      return {};
    },
    request: () => ({ path: '/faults' }),
    read: nothing,
  },
  'faults.list': {
    method: 'GET',
    path: '/faults',
    serve: (admin, { query }) => {
      noQuery(query);
      return { data: admin.faults.list() };
    },
    request: () => ({ path: '/faults' }),
    read: (json) => (json as { data: FaultEntry[] }).data,
  },
  stats: {
    method: 'GET',
    path: '/stats',
    serve: (admin, { query }) => {
      noQuery(query);
      return admin.stats();
    },
    request: () => ({ path: '/stats' }),
    read: same,
  },
  'journal.list': {
    method: 'GET',
    path: '/journal',
    serve: (admin, { query }) => ({ data: admin.journal.list(journalFilterFromQuery(query)) }),
    request: ([filter]) => ({
      path: '/journal',
      query: journalFilterToQuery(filter as JournalFilter),
    }),
    read: (json) => (json as { data: JournalEntry[] }).data,
  },
  'journal.find': {
    method: 'GET',
    path: '/journal/first',
    serve: (admin, { query }) => ({
      entry: admin.journal.find(journalFilterFromQuery(query)) ?? null,
    }),
    request: ([filter]) => ({
      path: '/journal/first',
      query: journalFilterToQuery(filter as JournalFilter),
    }),
    read: (json) => (json as { entry: JournalEntry | null }).entry ?? undefined,
  },
  'journal.count': {
    method: 'GET',
    path: '/journal/count',
    serve: (admin, { query }) => ({ count: admin.journal.count(journalFilterFromQuery(query)) }),
    request: ([filter]) => ({
      path: '/journal/count',
      query: journalFilterToQuery(filter as JournalFilter),
    }),
    read: (json) => (json as { count: number }).count,
  },
  'journal.clear': {
    method: 'DELETE',
    path: '/journal',
    serve: (admin, { query }) => {
      noQuery(query);
      admin.journal.clear();
      return {};
    },
    request: () => ({ path: '/journal' }),
    read: nothing,
  },
} satisfies Record<AdminMethod, AdminRoute>;

/**
 * Finds the admin route for a method and a path under `/_mock`: the route and its `:id`
 * (decoded), `'method'` when the path exists with other methods, or undefined.
 */
export function matchAdminRoute(
  method: string,
  path: string,
): { name: AdminMethod; route: AdminRoute; id: string } | { allow: string } | undefined {
  const allow: string[] = [];
  for (const [name, route] of Object.entries(ADMIN_ROUTES) as [AdminMethod, AdminRoute][]) {
    const pattern = route.path.split('/');
    const parts = path.split('/');
    if (pattern.length !== parts.length) continue;
    let id = '';
    const fits = pattern.every((segment, i) => {
      if (segment !== ':id') return segment === parts[i];
      id = parts[i]!;
      return id !== '';
    });
    if (!fits) continue;
    if (route.method !== method) {
      allow.push(route.method);
      continue;
    }
    try {
      return { name, route, id: decodeURIComponent(id) };
    } catch {
      throw new MockInputError('path: is not valid percent-encoding');
    }
  }
  return allow.length > 0 ? { allow: [...new Set(allow)].join(', ') } : undefined;
}
