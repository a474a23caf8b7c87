import type { CreateSessionRequest, SessionEvent } from '@agent-sessions/protocol';
import { validate, zSessionId } from '@agent-sessions/protocol';
import {
  AdminInputError,
  type MockAdmin,
  type MockStats,
  matchAdminRoute,
} from '../admin/routes.js';
import {
  type AdminAccessOptions,
  adminRefusal,
  checkAdminAccess,
  corsHeaders,
  preflightHeaders,
} from '../api/cors.js';
import {
  BodyTooLargeError,
  type EngineRequest,
  type EngineResponse,
  fromWebRequest,
  toWebResponse,
} from '../api/engine-request.js';
import { parseJsonBody } from '../api/json-body.js';
import { OPERATION_HANDLERS, type OperationHost } from '../api/operation-handlers.js';
import type { OperationId } from '../api/operations.js';
import { invalidRequest, ProblemError } from '../api/problem.js';
import { okReply, problemReply, type Reply, render, restamp } from '../api/responses.js';
import { parseTarget, route } from '../api/routes.js';
import { checkTokenAccess } from '../api/token-access.js';
import { MockConnectionReset } from '../errors.js';
import { damage, faultBeforeOperation } from '../faults/fault-effects.js';
import { type ChaosOptions, type FaultRule, FaultSet } from '../faults/fault-set.js';
import { ensureFixture, type Fixture } from '../fixture/fixture.js';
import { type Clock, type ClockOption, capturedTimers, createClock, type Timers } from './clock.js';
import { fingerprint, IdempotencyStore } from './idempotency-store.js';
import { type JournalEntry, RequestJournal } from './journal.js';
import { apiKeyList, nonNegativeInt, optionalBoolean, optionalFunction } from './option-checks.js';
import { Parking } from './parking.js';
import { InvalidStateError, SessionRun } from './session-run.js';
import { SessionTokenStore, type TokenGrant } from './session-tokens.js';

export type { MockStats, SessionInspection } from '../admin/routes.js';

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
  /** Real timers (see {@link Timers}). Default: the global ones, captured at load. */
  timers?: Timers;
  /** Runs `fn` soon, after pending I/O (Node: `setImmediate`). Default: a 0 ms real timeout. */
  defer?: (fn: () => void) => void;
  /**
   * Sees every event as it is appended, before parked polls wake (for logs and benchmarks).
   * Default none. Example: `(id, event) => console.log(id, event.type)`.
   */
  onEvent?: (sessionId: string, event: SessionEvent) => void;
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
const ADMIN_BODY_BYTES = 65_536;
// RFC 9110 token characters.
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/;

const positiveInt = nonNegativeInt;

/** What the journal learns about a request while it is served. */
interface Note {
  admin: boolean;
  path: string;
  operation: OperationId | null;
  sessionId: string | null;
  idempotencyKey: string | null;
  fault: string | null;
  credential: 'key' | 'token' | null;
}

/** Who a request is from: the account key, or a session token and what it grants. */
type Caller = { apiKey: string; grant?: undefined } | { apiKey?: undefined; grant: TokenGrant };

/**
 * The mock server itself, with no I/O: {@link serve} answers an {@link EngineRequest} over the
 * sessions, their clock, the idempotency store and the fault rules, and never rejects.
 * Adapters (the Node HTTP server, MSW, a service worker) only convert to and from it. It is
 * also the {@link MockAdmin} surface tests drive it with.
 */
export class MockEngine implements MockAdmin {
  readonly clock: Clock;
  readonly faults: FaultSet;
  readonly journal: RequestJournal;
  readonly sessions: MockAdmin['sessions'];
  readonly #apiKeys: Set<string>;
  readonly #fixtures: Map<string, Fixture>;
  readonly #defaultScenario: string;
  readonly #autoAdvance: boolean;
  readonly #validateResponses: boolean;
  readonly #defer: (fn: () => void) => void;
  readonly #timers: Timers;
  readonly #onEvent: MockEngineOptions['onEvent'];
  readonly #maxBodyBytes: number;
  readonly #admin: AdminAccessOptions;
  readonly #finishedTtlMs: number;
  readonly #finishedLimit: number;
  readonly #parking: Parking;
  readonly #idempotency: IdempotencyStore<Reply>;
  readonly #tokens: SessionTokenStore;
  #sessions = new Map<string, SessionRun>();
  readonly #readGraceMs: number;
  // Finished sessions, least recently read first (eviction reads from the front): when each
  // was last read, on the server's clock (for the TTL) and in real time (for the grace).
  #finished = new Map<string, { at: number; real: number }>();
  #sessionCount = 0;
  #requestCount = 0;
  #active = 0;
  #advanceQueued = false;
  #closed = false;
  // Aborted by close(): ends what runs on real timers (a dribbled body's pauses).
  readonly #closing = new AbortController();
  // Bumped by reset(): a request remembers the one it arrived in.
  #generation = 0;
  readonly #host: OperationHost;

  constructor(options: MockEngineOptions & { fixtures: Fixture[] }) {
    const timers = options.timers ?? capturedTimers;
    this.#timers = timers;
    this.clock =
      options.clock && typeof options.clock === 'object' && 'schedule' in options.clock
        ? options.clock
        : createClock(options.clock, timers);
    this.faults = new FaultSet(options.faults, options.chaos);
    this.#apiKeys = new Set(apiKeyList(options.apiKeys, ['test-key']));
    optionalBoolean(options.autoAdvance, 'autoAdvance');
    optionalBoolean(options.validateResponses, 'validateResponses');
    optionalFunction(options.onEvent, 'onEvent');
    optionalFunction(options.defer, 'defer');
    if (options.fixtures.length === 0)
      throw new TypeError('fixtures: expected at least one fixture');
    this.#fixtures = new Map();
    options.fixtures.forEach((value, i) => {
      const fixture = ensureFixture(value, `fixtures[${i}]`);
      if (this.#fixtures.has(fixture.name)) {
        throw new TypeError(`fixtures[${i}]: another fixture is already named "${fixture.name}"`);
      }
      this.#fixtures.set(fixture.name, fixture);
    });
    this.#defaultScenario = this.#fixtures.has(DEFAULT_SCENARIO)
      ? DEFAULT_SCENARIO
      : options.fixtures[0]!.name;
    this.#autoAdvance = this.clock.mode === 'virtual' && (options.autoAdvance ?? true);
    this.#validateResponses = options.validateResponses ?? true;
    this.#defer = options.defer ?? ((fn) => timers.setTimeout(fn, 0));
    this.#onEvent = options.onEvent;
    this.#maxBodyBytes = positiveInt(options.maxBodyBytes, 1_048_576, 'maxBodyBytes');
    this.#admin = checkAdminAccess(options.admin);
    const retention = options.retention ?? {};
    if (typeof retention !== 'object' || retention === null) {
      throw new TypeError('retention: expected an object');
    }
    this.#idempotency = new IdempotencyStore<Reply>(
      {
        ttlMs: positiveInt(retention.idempotencyTtlMs, DAY_MS, 'retention.idempotencyTtlMs'),
        maxKeys: positiveInt(retention.idempotencyKeys, 10_000, 'retention.idempotencyKeys'),
      },
      () => this.clock.now(),
    );
    this.#finishedTtlMs = positiveInt(
      retention.finishedSessionTtlMs,
      DAY_MS,
      'retention.finishedSessionTtlMs',
    );
    this.#finishedLimit = positiveInt(
      retention.finishedSessions,
      1_000,
      'retention.finishedSessions',
    );
    this.#readGraceMs = positiveInt(retention.readGraceMs, 30_000, 'retention.readGraceMs');
    this.#tokens = new SessionTokenStore({ maxTokens: 10_000, expiredKeptMs: DAY_MS }, () =>
      this.clock.now(),
    );
    this.journal = new RequestJournal(positiveInt(options.journalLimit, 1_000, 'journalLimit'));
    this.#parking = new Parking(this.clock, this.#defer, () => this.#maybeAutoAdvance());
    this.sessions = {
      list: () => [...this.#sessions.values()].map((run) => run.snapshot()),
      get: (id) => {
        const run = this.#sessions.get(id);
        return run && { session: run.snapshot(), events: structuredClone(run.events) };
      },
    };
    this.#host = {
      createSession: (body) => this.#create(body),
      sessionsNewestFirst: () => [...this.#sessions.values()].reverse(),
      session: (id) => {
        // Every stored id is valid by construction: only an unknown one needs the check that
        // tells a malformed id (400) from a missing one (404).
        const known = id === undefined ? undefined : this.#sessions.get(id);
        if (known) {
          this.#touch(known);
          return known;
        }
        return this.#missingSession(id);
      },
      mintToken: (run, scopes, expiresInS) => this.#tokens.mint(run.id, scopes, expiresInS),
      waitForChanges: async (run, from, waitMs, signal) => {
        const ready = () => run.events.length > from || run.terminal || this.#closed;
        if (!ready() && waitMs > 0 && !this.#closed) {
          await this.#parking.park(run.id, waitMs, ready, signal);
          // Wiped by reset() (or evicted) while parked: an empty page would read as alive.
          if (this.#sessions.get(run.id) !== run) {
            throw new ProblemError(
              404,
              'not_found',
              `No session with id ${run.id}: it was removed (the mock was reset) while this request waited.`,
            );
          }
        }
      },
    };
  }

  /** True once {@link close} ran: every later API request gets a 503. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The names of the scenarios sessions can play. */
  get scenarioNames(): string[] {
    return [...this.#fixtures.keys()];
  }

  stats(): MockStats {
    const parked = this.#parking.parked;
    return {
      sessions: this.#sessions.size,
      parked,
      held: this.#parking.waiting - parked,
      idempotencyKeys: this.#idempotency.size,
      tokens: this.#tokens.size,
      journal: this.journal.count(),
    };
  }

  reset(): void {
    // Requests begun before this line are of the past: not journaled, and they change nothing.
    this.#generation += 1;
    for (const run of this.#sessions.values()) run.stop();
    this.#sessions.clear();
    this.#finished.clear();
    this.#idempotency.clear();
    this.#tokens.clear();
    this.faults.clear();
    this.journal.clear();
    this.#parking.wakeAll();
  }

  /** Stops every timer and answers every parked request; later requests get a 503. */
  close(): void {
    this.#closed = true;
    this.#closing.abort();
    for (const run of this.#sessions.values()) run.stop();
    this.#parking.close();
    this.clock.stop();
  }

  /**
   * Answers one request. Never rejects: an unexpected error becomes a 500 problem; a `reset`
   * fault is a response with `reset: true` (the adapter drops the connection).
   */
  async serve(request: EngineRequest): Promise<EngineResponse> {
    this.#active += 1;
    this.#requestCount += 1;
    const generation = this.#generation;
    const requestId = `req_${this.#requestCount.toString(36).padStart(6, '0')}`;
    const at = this.clock.now();
    const note: Note = {
      admin: false,
      path: '',
      operation: null,
      sessionId: null,
      idempotencyKey: null,
      fault: null,
      credential: null,
    };
    let response: EngineResponse;
    try {
      response = await this.#serve(request, requestId, note, generation);
    } catch (error) {
      response = this.#unexpected(requestId, error);
      // A browser caller of the API may read the failure too (the admin routes stay closed).
      if (!note.admin) {
        try {
          response.headers = { ...response.headers, ...corsHeaders(request) };
        } catch {
          // Headers that cannot even be read: the 500 goes out without CORS.
        }
      }
    } finally {
      this.#active -= 1;
      this.#maybeAutoAdvance();
    }
    if (!note.admin && generation === this.#generation) {
      this.journal.record({
        requestId,
        at,
        method: String(request.method).slice(0, 32),
        path: note.path.slice(0, 2048),
        operation: note.operation,
        sessionId: note.sessionId,
        status: response.reset ? 0 : response.status,
        idempotencyKey: note.idempotencyKey,
        fault: note.fault,
        credential: note.credential,
      } satisfies Omit<JournalEntry, 'seq'>);
    }
    return response;
  }

  /**
   * Answers a web `Request` with a web `Response` (a thin wrapper over {@link serve}). Rejects
   * with a TypeError only when a `reset` fault drops the connection, as a real `fetch` would.
   */
  async handle(request: Request): Promise<Response> {
    const response = await this.serve(fromWebRequest(request));
    if (response.reset) throw new MockConnectionReset();
    return toWebResponse(response, request.method);
  }

  #unexpected(requestId: string, error: unknown): EngineResponse {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    try {
      return render(
        problemReply(
          requestId,
          new ProblemError(
            500,
            'internal_error',
            `The mock server failed unexpectedly (${what.slice(0, 200)}).`,
          ),
        ),
        requestId,
        undefined,
        false,
      );
    } catch {
      return {
        status: 500,
        headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': requestId },
        body: JSON.stringify({
          type: 'https://docs.agent-sessions.dev/errors/internal_error',
          title: 'Internal error',
          status: 500,
          code: 'internal_error',
          request_id: requestId,
        }),
      };
    }
  }

  async #serve(
    request: EngineRequest,
    requestId: string,
    note: Note,
    generation: number,
  ): Promise<EngineResponse> {
    const refuse = (error: ProblemError) =>
      render(problemReply(requestId, error), requestId, undefined, false);
    const target = typeof request.url === 'string' ? parseTarget(request.url) : undefined;
    const method = request.method;
    if (!target) {
      return refuse(invalidRequest([{ path: 'url', message: 'is not a valid request target' }]));
    }
    note.path = target.path;
    note.admin = target.path === '/_mock' || target.path.startsWith('/_mock/');
    if (typeof method !== 'string' || !METHOD_TOKEN.test(method)) {
      return refuse(invalidRequest([{ path: 'method', message: 'is not a valid method' }]));
    }
    if (note.admin) return this.#serveAdmin(request, method, target, requestId);
    if (method === 'OPTIONS') {
      return { status: 204, headers: preflightHeaders(request, false), body: '' };
    }
    const cors = corsHeaders(request);
    const response = await this.#serveApi(request, method, target, requestId, note, generation);
    // Every response here was built for this request: its headers are its own to extend.
    Object.assign(response.headers, cors);
    return response;
  }

  async #serveApi(
    request: EngineRequest,
    method: string,
    target: { path: string; query: URLSearchParams },
    requestId: string,
    note: Note,
    generation: number,
  ): Promise<EngineResponse> {
    const respond = (reply: Reply, operation?: OperationId) =>
      render(
        reply,
        requestId,
        operation && OPERATION_HANDLERS[operation].response,
        this.#validateResponses,
      );
    // Noted before anything can refuse the request (a fault, a 401): the journal must show
    // that a retry reused the key whatever answered the first attempt.
    if (method === 'POST')
      note.idempotencyKey = request.headers.get('idempotency-key')?.slice(0, 255) ?? null;
    const found = route(method, target.path);
    if ('miss' in found) {
      if (found.miss === 'method') {
        return respond(
          problemReply(
            requestId,
            new ProblemError(
              405,
              'method_not_allowed',
              `${method} is not allowed on this path; use ${found.allow}.`,
              {},
              { Allow: found.allow },
            ),
          ),
        );
      }
      const error =
        found.miss === 'encoding'
          ? invalidRequest([{ path: 'path.session_id', message: 'is not valid percent-encoding' }])
          : new ProblemError(
              404,
              'not_found',
              `No route for ${method} ${target.path.slice(0, 200)}.`,
            );
      return respond(problemReply(requestId, error));
    }
    const { operation, sessionId } = found;
    note.operation = operation;
    note.sessionId = sessionId ?? null;
    const fault = this.faults.match(operation, sessionId);
    note.fault = fault?.kind ?? null;
    const before = faultBeforeOperation(fault, requestId);
    if (before === 'reset') return { status: 0, headers: {}, body: '', reset: true };
    if (before) return respond(before);
    if (this.#closed) {
      return respond(
        problemReply(
          requestId,
          new ProblemError(
            503,
            'service_unavailable',
            'The mock server is closing.',
            {},
            { 'Retry-After': '0' },
          ),
        ),
      );
    }
    let reply: Reply;
    try {
      reply = await this.#authorizedCall(
        request,
        method,
        target,
        operation,
        sessionId,
        requestId,
        generation,
        note,
      );
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      reply = problemReply(requestId, error);
    }
    if (fault?.kind === 'delay') {
      await this.#parking.sleep(this.faults.delayOf(fault), request.signal);
    }
    const response = respond(reply, operation);
    if (!fault) return response;
    return damage(response, fault, this.#timers, request.signal, this.#closing.signal);
  }

  // Auth first (a session token is held to its session and scopes), then the body (bounded),
  // then the operation, under its idempotency key.
  async #authorizedCall(
    request: EngineRequest,
    method: string,
    target: { path: string; query: URLSearchParams },
    operation: OperationId,
    sessionId: string | undefined,
    requestId: string,
    generation: number,
    note: Note,
  ): Promise<Reply> {
    const caller = this.#authorize(request.headers.get('authorization'));
    note.credential = caller.grant ? 'token' : 'key';
    if (caller.grant) {
      checkTokenAccess(caller.grant, operation, sessionId, (id) => this.#missingSession(id));
    }
    const key = method === 'POST' ? request.headers.get('idempotency-key') : null;
    if (key !== null) {
      if (key.length < 1 || key.length > 255) {
        throw invalidRequest([
          { path: 'header.Idempotency-Key', message: 'expected 1 to 255 characters' },
        ]);
      }
    }
    const handler = OPERATION_HANDLERS[operation];
    const body = handler.body
      ? parseJsonBody(await this.#readBody(request, this.#maxBodyBytes))
      : undefined;
    // The body arrived after a reset(): the request belongs to the wiped state, and running it
    // now would put its effects into the fresh one. Answered as a restarting server would.
    if (generation !== this.#generation) {
      throw new ProblemError(
        503,
        'service_unavailable',
        'The mock was reset while this request was in flight; send it again.',
        {},
        { 'Retry-After': '0' },
      );
    }
    const run = () =>
      this.#operate(requestId, () =>
        handler.run({
          sessionId,
          query: target.query,
          body,
          // Read only by the operations that wait: an adapter may build its signal lazily.
          get signal() {
            return request.signal;
          },
          host: this.#host,
        }),
      );
    if (key === null) return run();
    const outcome = await this.#idempotency.run(
      // Scoped by the key's value: `bearer k` and `Bearer k` are the same caller. A token's
      // calls by its session (a key holds no space), so a retry with a refreshed token replays.
      caller.grant ? `session-token ${caller.grant.sessionId}\n${key}` : `${caller.apiKey}\n${key}`,
      fingerprint(operation, target.path, body ?? null),
      run,
      // A request refused before doing anything (400) is not remembered: fixing it is no conflict.
      (reply) => reply.status !== 400,
    );
    if (outcome.kind === 'conflict') {
      throw new ProblemError(
        409,
        'idempotency_conflict',
        'The Idempotency-Key was already used with a different request body.',
      );
    }
    if (outcome.kind === 'ran') return outcome.result;
    // A replayed problem names its own request, not the first.
    const replay = restamp(outcome.result, requestId);
    return { ...replay, headers: { ...replay.headers, 'Idempotent-Replayed': 'true' } };
  }

  async #readBody(request: EngineRequest, limit: number): Promise<string> {
    try {
      return await request.text(limit);
    } catch (error) {
      if (
        error instanceof BodyTooLargeError ||
        (error as Error | null)?.name === 'BodyTooLargeError'
      ) {
        throw new ProblemError(
          413,
          'payload_too_large',
          `The request body is larger than ${limit} bytes.`,
        );
      }
      throw invalidRequest([{ path: 'body', message: 'could not be read' }]);
    }
  }

  async #operate(requestId: string, run: () => Reply | Promise<Reply>): Promise<Reply> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ProblemError) return problemReply(requestId, error);
      if (error instanceof InvalidStateError) {
        return problemReply(
          requestId,
          new ProblemError(409, 'invalid_state', error.message, { state: error.state }),
        );
      }
      throw error;
    }
  }

  // The account key's value or a live session token's grant, or the 401 problem.
  #authorize(header: string | null): Caller {
    const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
    const key = match?.[1];
    if (key !== undefined && this.#apiKeys.has(key)) return { apiKey: key };
    const grant = key === undefined ? undefined : this.#tokens.find(key);
    if (grant && this.#tokens.expired(grant)) {
      throw new ProblemError(
        401,
        'token_expired',
        `The session token expired at ${new Date(grant.expiresAt).toISOString()}; ask for a fresh one.`,
        {},
        { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="token expired"' },
      );
    }
    if (grant) return { grant };
    throw new ProblemError(
      401,
      'unauthorized',
      header ? 'Invalid API key.' : 'Missing API key: send Authorization: Bearer <key>.',
      {},
      { 'WWW-Authenticate': 'Bearer' },
    );
  }

  // The answer for a session id no session has: a 400 for a malformed one, else a 404.
  #missingSession(id: string | undefined): never {
    const result = validate(zSessionId, id, 'path.session_id');
    if (!result.success) throw invalidRequest(result.issues);
    throw new ProblemError(404, 'not_found', `No session with id ${result.data}.`);
  }

  #create(body: CreateSessionRequest): SessionRun {
    const scenario = body.metadata?.scenario ?? this.#defaultScenario;
    const fixture = this.#fixtures.get(scenario);
    if (!fixture) {
      throw invalidRequest([
        {
          path: 'body.metadata.scenario',
          message: `unknown scenario; expected one of ${this.scenarioNames.join(', ')}`,
        },
      ]);
    }
    this.#evictFinished();
    this.#sessionCount += 1;
    const id = `ses_${this.#sessionCount.toString(36).padStart(8, '0')}`;
    const run = new SessionRun({
      id,
      input: body.input,
      idleTimeoutS: body.idle_timeout_s ?? 0,
      metadata: body.metadata ?? {},
      fixture,
      clock: this.clock,
      onEvent: (session) => {
        if (session.terminal && !this.#finished.has(session.id)) this.#touch(session);
        this.#onEvent?.(session.id, session.events[session.events.length - 1]!);
        this.#parking.wake(session.id);
      },
    });
    this.#sessions.set(id, run);
    return run;
  }

  // A finished session was read (or just ended): it moves to the back of the eviction order.
  #touch(run: { id: string; terminal: boolean }): void {
    if (!run.terminal) return;
    this.#finished.delete(run.id);
    this.#finished.set(run.id, { at: this.clock.now(), real: this.#timers.monotonic() });
  }

  // Least recently read first, past the TTL or the limit; never one a client is still on.
  #evictFinished(): void {
    const oldest = this.clock.now() - this.#finishedTtlMs;
    const recent = this.#timers.monotonic() - this.#readGraceMs;
    let excess = this.#finished.size - this.#finishedLimit;
    for (const [id, read] of this.#finished) {
      if (read.at > oldest && excess <= 0) break;
      if (read.real > recent || this.#parking.has(id)) continue;
      this.#finished.delete(id);
      this.#sessions.get(id)?.stop();
      this.#sessions.delete(id);
      excess -= 1;
    }
  }

  async #serveAdmin(
    request: EngineRequest,
    method: string,
    target: { path: string; query: URLSearchParams },
    requestId: string,
  ): Promise<EngineResponse> {
    const refusal = adminRefusal(request, this.#admin, method === 'OPTIONS');
    // An allowed cross-origin caller may read the answer; a refused one learns nothing.
    const cors =
      refusal === undefined && request.headers.get('origin') !== null ? corsHeaders(request) : {};
    const respond = (reply: Reply): EngineResponse => {
      const response = render(reply, requestId, undefined, this.#validateResponses);
      return { ...response, headers: { ...response.headers, ...cors } };
    };
    if (refusal !== undefined)
      return respond(problemReply(requestId, new ProblemError(403, 'forbidden', refusal)));
    if (method === 'OPTIONS') {
      return { status: 204, headers: preflightHeaders(request, true), body: '' };
    }
    try {
      const path = target.path.slice('/_mock'.length);
      const found = matchAdminRoute(method, path);
      if (found === undefined) {
        throw new ProblemError(
          404,
          'not_found',
          `No mock admin route ${method} ${target.path.slice(0, 200)}.`,
        );
      }
      if ('allow' in found) {
        throw new ProblemError(
          405,
          'method_not_allowed',
          `${method} is not allowed on this path; use ${found.allow}.`,
          {},
          { Allow: found.allow },
        );
      }
      const text =
        found.route.method === 'POST' ? await this.#readBody(request, ADMIN_BODY_BYTES) : '';
      const body = text.trim() === '' ? undefined : parseJsonBody(text);
      const value = found.route.serve(this, { id: found.id, query: target.query, body });
      if (found.name === 'sessions.get' && (value as { session: unknown }).session === null) {
        throw new ProblemError(404, 'not_found', `No session with id ${found.id.slice(0, 100)}.`);
      }
      return respond(
        okReply(found.route.method === 'POST' && found.name === 'faults.add' ? 201 : 200, value),
      );
    } catch (error) {
      if (error instanceof ProblemError) return respond(problemReply(requestId, error));
      // Bad admin input (a fault rule, a clock step): the caller's mistake, nothing changed.
      if (error instanceof AdminInputError) {
        return respond(
          problemReply(requestId, new ProblemError(400, 'invalid_request', error.message)),
        );
      }
      throw error;
    }
  }

  #maybeAutoAdvance(): void {
    if (!this.#autoAdvance || this.#advanceQueued || this.#closed) return;
    const waiting = this.#parking.waiting;
    if (waiting === 0 || this.#active > waiting) return;
    this.#advanceQueued = true;
    this.#defer(() => {
      this.#advanceQueued = false;
      const waitingNow = this.#parking.waiting;
      // Re-checked: a request may have arrived meanwhile.
      if (this.#closed || waitingNow === 0 || this.#active > waitingNow) return;
      const due = this.clock.nextDue();
      if (due !== undefined) this.clock.advance(Math.max(0, due - this.clock.now()));
      this.#maybeAutoAdvance();
    });
  }
}
