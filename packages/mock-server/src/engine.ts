import {
  requestSchemas,
  type Session,
  type SessionEvent,
  type ValidationIssue,
  validate,
  zChanges,
  zEventPage,
  zGetSessionChangesQuery,
  zListSessionEventsQuery,
  zListSessionsQuery,
  zProblem,
  zSentMessage,
  zSession,
  zSessionId,
  zSessionList,
} from '@agent-sessions/protocol';
import type { ZodMiniType } from 'zod/mini';
import { type Clock, type ClockOption, capturedTimers, createClock, type Timers } from './clock.js';
import { type ChaosOptions, damage, type FaultRule, FaultSet } from './faults.js';
import { ensureFixture, type Fixture } from './fixture.js';
import { MockConnectionReset } from './http-error.js';
import { fingerprint, IdempotencyStore } from './idempotency-store.js';
import type { OperationId } from './operations.js';
import { invalidRequest, ProblemError } from './problem.js';
import { type Route, readQuery, route } from './routes.js';
import { InvalidStateError, SessionRun } from './session-run.js';

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
}

/** A session as the inspection API shows it. */
export interface SessionInspection {
  session: Session;
  events: SessionEvent[];
}

/** What {@link MockEngine.stats} reports. */
export interface MockStats {
  /** Sessions the server holds. */
  sessions: number;
  /** Long-polls (`changes`) parked, waiting for an event. */
  parked: number;
  /** Responses held by a `delay` fault. */
  held: number;
}

/** The name of the scenario a session plays when `metadata.scenario` is absent. */
export const DEFAULT_SCENARIO = 'short-answer';

interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

interface Ctx {
  requestId: string;
  url: URL;
  body: string;
  signal: AbortSignal;
}

const RESPONSE_SCHEMAS: Record<OperationId, ZodMiniType> = {
  createSession: zSession,
  listSessions: zSessionList,
  getSession: zSession,
  getSessionChanges: zChanges,
  listSessionEvents: zEventPage,
  sendSessionMessage: zSentMessage,
  pauseSession: zSession,
  resumeSession: zSession,
  forceSessionAnswer: zSession,
  cancelSession: zSession,
};

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

function checked<T>(
  result: { success: true; data: T } | { success: false; issues: ValidationIssue[] },
): T {
  if (!result.success) throw invalidRequest(result.issues);
  return result.data;
}

/**
 * The mock server itself, with no I/O: a web-standard `Request -> Response` handler over the
 * sessions, their clock, the idempotency store and the fault rules. Adapters (the Node HTTP
 * server, the in-process `fetch`) only convert to and from it.
 */
export class MockEngine {
  readonly clock: Clock;
  readonly faults: FaultSet;
  readonly #apiKeys: Set<string>;
  readonly #fixtures: Map<string, Fixture>;
  readonly #defaultScenario: string;
  readonly #autoAdvance: boolean;
  readonly #validateResponses: boolean;
  readonly #defer: (fn: () => void) => void;
  readonly #onEvent: MockEngineOptions['onEvent'];
  #sessions = new Map<string, SessionRun>();
  #idempotency = new IdempotencyStore<StoredResponse>();
  #waiters = new Map<string, Set<() => void>>();
  #clockWaiters = new Set<() => void>();
  #sessionCount = 0;
  #requestCount = 0;
  #active = 0;
  #waiting = 0;
  #advanceQueued = false;
  #closed = false;

  constructor(options: MockEngineOptions & { fixtures: Fixture[] }) {
    const timers = options.timers ?? capturedTimers;
    this.clock =
      options.clock && typeof options.clock === 'object' && 'schedule' in options.clock
        ? options.clock
        : createClock(options.clock, timers);
    this.faults = new FaultSet(options.faults, options.chaos);
    this.#apiKeys = new Set(options.apiKeys ?? ['test-key']);
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
  }

  /** The names of the scenarios sessions can play. */
  get scenarioNames(): string[] {
    return [...this.#fixtures.keys()];
  }

  /** A session's snapshot and full event log, or undefined for an unknown id. */
  inspect(sessionId: string): SessionInspection | undefined {
    const run = this.#sessions.get(sessionId);
    if (!run) return undefined;
    return { session: run.snapshot(), events: structuredClone(run.events) };
  }

  /** Counts for tests and benchmarks: sessions, parked long-polls, responses held by a delay. */
  stats(): MockStats {
    let parked = 0;
    for (const set of this.#waiters.values()) parked += set.size;
    return { sessions: this.#sessions.size, parked, held: this.#waiting - parked };
  }

  /** Forgets every session, idempotency key and scripted fault; wakes parked polls. */
  reset(): void {
    for (const run of this.#sessions.values()) run.stop();
    this.#sessions.clear();
    this.#idempotency.clear();
    this.faults.clear();
    this.#wakeAll();
  }

  /** Moves the clock forward `ms` (see {@link Clock.advance}); returns the new now. */
  advance(ms: number): number {
    return this.clock.advance(ms);
  }

  /** Stops every timer and answers every parked request; later requests get a 503. */
  close(): void {
    this.#closed = true;
    for (const run of this.#sessions.values()) run.stop();
    this.#wakeAll();
    this.clock.stop();
  }

  /** Handles one request. Rejects with a TypeError when a `reset` fault drops it. */
  async handle(request: Request): Promise<Response> {
    this.#active += 1;
    try {
      return await this.#handle(request);
    } finally {
      this.#active -= 1;
      this.#maybeAutoAdvance();
    }
  }

  async #handle(request: Request): Promise<Response> {
    this.#requestCount += 1;
    const requestId = `req_${this.#requestCount.toString(36).padStart(6, '0')}`;
    const url = new URL(request.url);
    if (url.pathname.startsWith('/_mock/')) {
      return this.#respond(requestId, await this.#control(request, url, requestId), undefined);
    }
    const found = route(request.method, url.pathname);
    if (found === undefined || found === 'method') {
      const error =
        found === 'method'
          ? new ProblemError(
              405,
              'method_not_allowed',
              `${request.method} is not allowed on ${url.pathname}.`,
            )
          : new ProblemError(404, 'not_found', `No route for ${request.method} ${url.pathname}.`);
      return this.#problemResponse(requestId, error);
    }
    const fault = this.faults.match(found.operation, found.sessionId);
    if (fault?.kind === 'reset') throw new MockConnectionReset();
    if (fault?.kind === 'rate_limit') {
      const retryAfter = String(fault.retryAfterS ?? 0);
      return this.#problemResponse(
        requestId,
        new ProblemError(
          429,
          'rate_limited',
          `Too many requests; retry after ${retryAfter} seconds (fault).`,
          {},
          { 'Retry-After': retryAfter, 'X-Mock-Fault': fault.kind },
        ),
      );
    }
    if (fault?.kind === 'server_error') {
      const status = fault.status ?? 500;
      const headers: Record<string, string> = { 'X-Mock-Fault': fault.kind };
      if (status === 503) headers['Retry-After'] = String(fault.retryAfterS ?? 0);
      const code = status === 503 ? 'service_unavailable' : 'internal_error';
      return this.#problemResponse(
        requestId,
        new ProblemError(status, code, `The server failed (fault: ${status}).`, {}, headers),
      );
    }
    if (this.#closed) {
      return this.#problemResponse(
        requestId,
        new ProblemError(
          503,
          'service_unavailable',
          'The mock server is closing.',
          {},
          { 'Retry-After': '0' },
        ),
      );
    }
    const ctx: Ctx = { requestId, url, body: await request.text(), signal: request.signal };
    let stored: StoredResponse;
    try {
      this.#authorize(request.headers.get('authorization'));
      stored = await this.#idempotent(request, found, ctx);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      stored = this.#problem(requestId, error);
    }
    if (fault?.kind === 'delay') await this.#sleep(fault.delayMs ?? 1000, request.signal);
    const response = this.#respond(requestId, stored, found.operation);
    if (!fault) return response;
    response.headers.set('X-Mock-Fault', fault.kind);
    return damage(response, fault.kind);
  }

  #authorize(header: string | null): void {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match || !this.#apiKeys.has(match[1]!.trim())) {
      throw new ProblemError(
        401,
        'unauthorized',
        header ? 'Invalid API key.' : 'Missing API key: send Authorization: Bearer <key>.',
        {},
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
  }

  async #idempotent(request: Request, found: Route, ctx: Ctx): Promise<StoredResponse> {
    const key = request.headers.get('idempotency-key');
    if (request.method !== 'POST' || key === null) return this.#operate(found, ctx);
    if (key.length < 1 || key.length > 255) {
      throw invalidRequest([
        { path: 'header.Idempotency-Key', message: 'expected 1 to 255 characters' },
      ]);
    }
    const outcome = await this.#idempotency.run(
      `${request.headers.get('authorization')} ${key}`,
      fingerprint(found.operation, ctx.url.pathname, ctx.body),
      () => this.#operate(found, ctx),
      // A request refused before doing anything (400) is not remembered: fixing it is no conflict.
      (stored) => stored.status !== 400,
    );
    if (outcome.kind === 'conflict') {
      throw new ProblemError(
        409,
        'idempotency_conflict',
        'The Idempotency-Key was already used with a different request body.',
      );
    }
    if (outcome.kind === 'ran') return outcome.result;
    const replay = outcome.result;
    const headers = { ...replay.headers, 'Idempotent-Replayed': 'true' };
    if (replay.contentType !== PROBLEM_TYPE) return { ...replay, headers };
    // A problem body names its request: this one, not the first.
    const body = JSON.stringify({ ...JSON.parse(replay.body), request_id: ctx.requestId });
    return { ...replay, body, headers };
  }

  async #operate(found: Route, ctx: Ctx): Promise<StoredResponse> {
    try {
      return await this.#run(found, ctx);
    } catch (error) {
      if (error instanceof ProblemError) return this.#problem(ctx.requestId, error);
      if (error instanceof InvalidStateError) {
        return this.#problem(
          ctx.requestId,
          new ProblemError(409, 'invalid_state', error.message, { state: error.state }),
        );
      }
      throw error;
    }
  }

  async #run(found: Route, ctx: Ctx): Promise<StoredResponse> {
    if (found.operation === 'createSession') return this.#ok(201, this.#create(ctx));
    if (found.operation === 'listSessions') return this.#ok(200, this.#list(ctx.url));
    const sessionId = checked(validate(zSessionId, found.sessionId, 'path.session_id'));
    const run = this.#sessions.get(sessionId);
    if (!run) throw new ProblemError(404, 'not_found', `No session with id ${sessionId}.`);
    switch (found.operation) {
      case 'getSession':
        return this.#ok(200, run.snapshot());
      case 'getSessionChanges':
        return this.#ok(200, await this.#changes(run, ctx));
      case 'listSessionEvents': {
        const query = checked(
          validate(zListSessionEventsQuery, readQuery(ctx.url, ['from', 'limit']), 'query'),
        );
        const data = run.events.slice(query.from, query.from + query.limit);
        const next = query.from + data.length;
        return this.#ok(200, { data, next, has_more: next < run.events.length });
      }
      case 'sendSessionMessage': {
        const body = checked(validate(requestSchemas.sendMessage, this.#json(ctx.body), 'body'));
        const messageId = run.sendMessage(body.content);
        return this.#ok(200, { message_id: messageId, session: run.snapshot() });
      }
      case 'pauseSession':
        run.pause();
        return this.#ok(200, run.snapshot());
      case 'resumeSession':
        run.resume();
        return this.#ok(200, run.snapshot());
      case 'forceSessionAnswer':
        run.forceAnswer();
        return this.#ok(200, run.snapshot());
      default:
        run.cancel();
        return this.#ok(200, run.snapshot());
    }
  }

  #json(text: string): unknown {
    if (text.trim() === '')
      throw invalidRequest([{ path: 'body', message: 'expected a JSON object' }]);
    try {
      return JSON.parse(text);
    } catch {
      throw invalidRequest([{ path: 'body', message: 'is not valid JSON' }]);
    }
  }

  #create(ctx: Ctx): Session {
    const body = checked(validate(requestSchemas.createSession, this.#json(ctx.body), 'body'));
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
        this.#onEvent?.(session.id, session.events[session.events.length - 1]!);
        this.#wake(session.id);
      },
    });
    this.#sessions.set(id, run);
    return run.snapshot();
  }

  #list(url: URL) {
    const query = checked(validate(zListSessionsQuery, readQuery(url, ['limit']), 'query'));
    const newestFirst = [...this.#sessions.values()].reverse();
    let start = 0;
    if (query.cursor !== undefined) {
      start = newestFirst.findIndex((run) => run.id === query.cursor) + 1;
      if (start === 0) {
        throw invalidRequest([
          { path: 'query.cursor', message: 'is not a cursor this server issued' },
        ]);
      }
    }
    const page = newestFirst.slice(start, start + query.limit);
    const hasMore = start + page.length < newestFirst.length;
    return {
      data: page.map((run) => run.snapshot()),
      next_cursor: hasMore ? page[page.length - 1]!.id : null,
      has_more: hasMore,
    };
  }

  async #changes(run: SessionRun, ctx: Ctx) {
    const query = checked(
      validate(zGetSessionChangesQuery, readQuery(ctx.url, ['from', 'wait_s']), 'query'),
    );
    const ready = () => run.events.length > query.from || run.terminal || this.#closed;
    if (!ready() && query.wait_s > 0) {
      await this.#park(run.id, query.wait_s * 1000, ready, ctx.signal);
    }
    const events = run.events.slice(query.from);
    return {
      events,
      next: query.from + events.length,
      state: run.state,
      turn: run.turn,
      answer: run.answer,
      terminal: run.terminal,
    };
  }

  // Parks a long-poll until `ready()`, the wait bound on the server's clock, close, or abort.
  #park(sessionId: string, waitMs: number, ready: () => boolean, signal: AbortSignal) {
    return this.#wait(waitMs, signal, (wake) => {
      const set = this.#waiters.get(sessionId) ?? new Set<() => void>();
      this.#waiters.set(sessionId, set);
      const onEvent = () => {
        if (ready()) wake();
      };
      set.add(onEvent);
      return () => {
        set.delete(onEvent);
        if (set.size === 0 && this.#waiters.get(sessionId) === set) this.#waiters.delete(sessionId);
      };
    });
  }

  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    return this.#wait(ms, signal, () => () => {});
  }

  // Waiting on the server's clock: counts toward auto-advance, ends on close or abort.
  #wait(
    ms: number,
    signal: AbortSignal,
    subscribe: (wake: () => void) => () => void,
  ): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed || signal.aborted) return resolve();
      this.#waiting += 1;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.#waiting -= 1;
        cancelTimer();
        unsubscribe();
        this.#clockWaiters.delete(finish);
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const cancelTimer = this.clock.schedule(this.clock.now() + ms, finish);
      const unsubscribe = subscribe(finish);
      this.#clockWaiters.add(finish);
      signal.addEventListener('abort', finish);
      this.#maybeAutoAdvance();
    });
  }

  #wake(sessionId: string): void {
    const set = this.#waiters.get(sessionId);
    if (set) for (const onEvent of [...set]) onEvent();
  }

  #wakeAll(): void {
    for (const finish of [...this.#clockWaiters]) finish();
  }

  #maybeAutoAdvance(): void {
    if (!this.#autoAdvance || this.#advanceQueued || this.#closed) return;
    if (this.#waiting === 0 || this.#active > this.#waiting) return;
    this.#advanceQueued = true;
    this.#defer(() => {
      this.#advanceQueued = false;
      // Re-checked: a request may have arrived meanwhile.
      if (this.#closed || this.#waiting === 0 || this.#active > this.#waiting) return;
      const due = this.clock.nextDue();
      if (due !== undefined) this.clock.advance(Math.max(0, due - this.clock.now()));
      this.#maybeAutoAdvance();
    });
  }

  #ok(status: number, value: unknown): StoredResponse {
    return { status, body: JSON.stringify(value), contentType: JSON_TYPE, headers: {} };
  }

  #problem(requestId: string, error: ProblemError): StoredResponse {
    return {
      status: error.status,
      body: JSON.stringify(error.body(requestId)),
      contentType: PROBLEM_TYPE,
      headers: error.headers,
    };
  }

  #problemResponse(requestId: string, error: ProblemError): Response {
    return this.#respond(requestId, this.#problem(requestId, error), undefined);
  }

  #respond(
    requestId: string,
    stored: StoredResponse,
    operation: OperationId | undefined,
  ): Response {
    let { status, body, contentType, headers } = stored;
    if (this.#validateResponses) {
      const schema =
        contentType === PROBLEM_TYPE
          ? zProblem
          : operation
            ? RESPONSE_SCHEMAS[operation]
            : undefined;
      const result = schema && validate(schema, JSON.parse(body), 'response');
      if (result && !result.success) {
        const error = new ProblemError(
          500,
          'internal_error',
          `The mock server built an invalid response: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
        ({ status, body, contentType, headers } = this.#problem(requestId, error));
      }
    }
    return new Response(body, {
      status,
      headers: { ...headers, 'Content-Type': contentType, 'X-Request-Id': requestId },
    });
  }

  async #control(request: Request, url: URL, requestId: string): Promise<StoredResponse> {
    const path = url.pathname.slice('/_mock'.length);
    const method = request.method;
    const input = async () => {
      const text = await request.text();
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
    try {
      if (path === '/faults' && method === 'POST') {
        return this.#ok(201, { id: this.faults.add((await input()) as unknown as FaultRule) });
      }
      if (path === '/faults' && method === 'DELETE') {
        this.faults.clear();
        return this.#ok(200, {});
      }
      if (path === '/clock' && method === 'GET') return this.#ok(200, this.#now());
      if (path === '/stats' && method === 'GET') return this.#ok(200, this.stats());
      if (path === '/clock/advance' && method === 'POST') {
        this.clock.advance(Number((await input()).ms));
        return this.#ok(200, this.#now());
      }
      if (path === '/reset' && method === 'POST') {
        this.reset();
        return this.#ok(200, {});
      }
      const session = /^\/sessions\/([^/]+)$/.exec(path);
      if (session && method === 'GET') {
        const found = this.inspect(decodeURIComponent(session[1]!));
        if (found) return this.#ok(200, found);
        throw new ProblemError(404, 'not_found', `No session with id ${session[1]}.`);
      }
      throw new ProblemError(404, 'not_found', `No mock control route ${method} ${url.pathname}.`);
    } catch (error) {
      if (error instanceof ProblemError) return this.#problem(requestId, error);
      // A bad control body (not JSON, bad fault rule, bad ms) is the caller's mistake.
      const message = error instanceof Error ? error.message : String(error);
      return this.#problem(requestId, new ProblemError(400, 'invalid_request', message));
    }
  }

  #now() {
    const now = this.clock.now();
    return { now, iso: new Date(now).toISOString() };
  }
}
