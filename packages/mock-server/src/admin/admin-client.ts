/**
 * `MockAdminClient`: the admin surface over HTTP (`/_mock/*`), for a browser, another process or a
 * test that did not start the server. The `/admin-client` entry; imports nothing from Node.
 */
import type { Session } from '@agent-sessions/protocol';
import { ADMIN_TOKEN_HEADER } from '../api/cors.js';
import type { JournalEntry, JournalFilter } from '../engine/journal.js';
import { headerSecret } from '../engine/option-checks.js';
import { MockAdminError } from '../errors.js';
import type { FaultEntry, FaultRule } from '../faults/fault-set.js';
import {
  ADMIN_ROUTES,
  type AdminMethod,
  type AdminRoute,
  type AsyncMockAdmin,
  type MockStats,
  type SessionInspection,
} from './routes.js';

export { MockAdminError } from '../errors.js';

/** Options of {@link MockAdminClient}. */
export interface MockAdminClientOptions {
  /** The fetch to use. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Sent as `X-Mock-Admin-Token` when the server was started with `admin.token`. Default none. */
  adminToken?: string;
}

/** The server's clock, as `/_mock/clock` reports it. */
export interface MockClockReading {
  /** Milliseconds since the epoch on the server's clock. */
  now: number;
  /** The same instant as an ISO 8601 string. */
  iso: string;
}

/**
 * Drives a mock server over HTTP through its `/_mock/*` routes: from a browser, another
 * process, or any test that did not start the server. It mirrors the engine's admin surface
 * (`MockAdmin`) with the same names, every method async. Imports nothing from Node.
 *
 * @example
 * const admin = new MockAdminClient('http://127.0.0.1:4010');
 * await admin.faults.add({ operation: 'getSession', call: 1, kind: 'rate_limit', retryAfterS: 1 });
 * await admin.clock.advance(5_000);
 * expect(await admin.journal.count({ operation: 'sendSessionMessage' })).toBe(1);
 */
export class MockAdminClient implements AsyncMockAdmin {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #adminToken: string | undefined;

  /** `baseUrl`: the server's URL, e.g. `server.url`. */
  constructor(baseUrl: string, options: MockAdminClientOptions = {}) {
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // Checked here: fetch would refuse it later with a message that quotes it.
    this.#adminToken =
      options.adminToken === undefined ? undefined : headerSecret(options.adminToken, 'adminToken');
  }

  readonly sessions = {
    /** Every session's snapshot, oldest first. */
    list: (): Promise<Session[]> => this.#call('sessions.list', []) as Promise<Session[]>,
    /** A session's snapshot and full event log; undefined for an unknown id. */
    get: async (id: string): Promise<SessionInspection | undefined> => {
      try {
        return (await this.#call('sessions.get', [id])) as SessionInspection;
      } catch (error) {
        // Only the mock's own "no such session" (a wrong base URL's 404 still fails loudly).
        if (error instanceof MockAdminError && error.code === 'session_not_found') return undefined;
        throw error;
      }
    },
  };

  /** Forgets every session, idempotency key, journal entry and scripted fault. */
  reset(): Promise<void> {
    return this.#call('reset', []) as Promise<void>;
  }

  readonly clock = {
    /** The server's now, in milliseconds since the epoch. */
    now: (): Promise<number> => this.#call('clock.now', []) as Promise<number>,
    /** Moves the server's clock forward `ms`; resolves to the new now. A bad `ms` rejects, nothing moves. */
    advance: (ms: number): Promise<number> => this.#call('clock.advance', [ms]) as Promise<number>,
  };

  readonly faults = {
    /** Adds a scripted fault rule; resolves to its id. */
    add: (rule: FaultRule): Promise<string> => this.#call('faults.add', [rule]) as Promise<string>,
    /** Removes one rule; false when no rule has this id. */
    remove: (id: string): Promise<boolean> => this.#call('faults.remove', [id]) as Promise<boolean>,
    /** Removes every scripted fault rule. */
    clear: (): Promise<void> => this.#call('faults.clear', []) as Promise<void>,
    /** The rules, with the calls each has counted. */
    list: (): Promise<FaultEntry[]> => this.#call('faults.list', []) as Promise<FaultEntry[]>,
  };

  /** Sessions, parked polls, held responses, idempotency keys and journal entries, right now. */
  stats(): Promise<MockStats> {
    return this.#call('stats', []) as Promise<MockStats>;
  }

  readonly journal = {
    /** The API requests received that match `filter` (all without one), oldest first. */
    list: (filter?: JournalFilter): Promise<JournalEntry[]> =>
      this.#call('journal.list', [filter]) as Promise<JournalEntry[]>,
    /** The first request matching `filter`, or undefined. */
    find: (filter: JournalFilter): Promise<JournalEntry | undefined> =>
      this.#call('journal.find', [filter]) as Promise<JournalEntry | undefined>,
    /** How many requests match `filter`. */
    count: (filter?: JournalFilter): Promise<number> =>
      this.#call('journal.count', [filter]) as Promise<number>,
    /** Forgets every entry. */
    clear: (): Promise<void> => this.#call('journal.clear', []) as Promise<void>,
  };

  async #call(name: AdminMethod, args: unknown[]): Promise<unknown> {
    const route: AdminRoute = ADMIN_ROUTES[name];
    const parts = route.request(args);
    const query = parts.query?.toString();
    const headers: Record<string, string> = {};
    if (parts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.#adminToken !== undefined) headers[ADMIN_TOKEN_HEADER] = this.#adminToken;
    const path = `/_mock${parts.path}${query ? `?${query}` : ''}`;
    const response = await this.#fetch(`${this.#baseUrl}${path}`, {
      method: route.method,
      headers,
      ...(parts.body === undefined ? {} : { body: JSON.stringify(parts.body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 500);
      let code: string | undefined;
      try {
        const problem = JSON.parse(text) as { detail?: string; code?: string };
        detail = problem.detail ?? detail;
        code = problem.code;
      } catch {
        // Not a problem body: the text as it came.
      }
      throw new MockAdminError(
        response.status,
        `Mock admin call failed with status ${response.status}: ${route.method} ${path}: ${detail}`,
        code,
      );
    }
    return route.read(JSON.parse(text));
  }
}
