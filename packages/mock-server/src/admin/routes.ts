/**
 * The mock's admin surface ({@link MockAdmin}) and its `/_mock` route table: one route per
 * admin method, holding its HTTP method, path, success status and 404 rule, how the server reads
 * its input and how `MockAdminClient` sends it.
 */
import type { Session } from '@agent-sessions/protocol';
import { ProblemError } from '../api/problem.js';
import type { JournalEntry, JournalFilter } from '../engine/journal.js';
import { MockInputError } from '../errors.js';
import type { FaultEntry, FaultRule } from '../faults/fault-set.js';
import {
  journalFilterFromQuery,
  journalFilterToQuery,
  noFields,
  noQuery,
  objectBody,
} from './admin-input.js';
import type { AdminMethod, MockAdmin, SessionInspection } from './admin-surface.js';

export type {
  AdminMethod,
  AsyncMockAdmin,
  MockAdmin,
  MockStats,
  SessionInspection,
} from './admin-surface.js';

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

const clockReading = (now: number) => ({ now, iso: new Date(now).toISOString() });
const fromReading = (json: unknown) => (json as { now: number }).now;
const same = (json: unknown) => json;
const nothing = () => undefined;

/**
 * The `/_mock` routes, one per {@link MockAdmin} method (the `satisfies` clause makes the
 * compiler refuse a method without a route). The engine serves them; `MockAdminClient` calls them.
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
    // Its own code: `MockAdminClient` reads it as "no such session", and a 404 from a wrong base
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
