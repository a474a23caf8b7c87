/**
 * The mock server's state, with no I/O: the sessions and their clock, finished-session
 * eviction, the idempotency store, session tokens, fault rules, the journal, parked polls and
 * auto-advance. Requests are answered by the pipeline in `api/` over this state (through
 * {@link EngineState}); `MockEngine` only keeps the state and exposes the admin surface.
 */
import type { CreateSessionRequest } from '@agent-sessions/protocol';
import { validate, zSessionId } from '@agent-sessions/protocol';
import type { MockAdmin, MockStats } from '../admin/routes.js';
import {
  type EngineRequest,
  type EngineResponse,
  fromWebRequest,
  toWebResponse,
} from '../api/engine-request.js';
import { serveRequest } from '../api/pipeline.js';
import { invalidRequest, ProblemError } from '../api/problem.js';
import type { Reply } from '../api/responses.js';
import { MockConnectionReset } from '../errors.js';
import type { FaultSet } from '../faults/fault-set.js';
import type { Fixture } from '../fixture/fixture.js';
import type { Clock } from './clock.js';
import type { EngineState } from './engine-state.js';
import { IdempotencyStore } from './idempotency-store.js';
import { RequestJournal } from './journal.js';
import {
  type MockEngineOptions,
  type ResolvedEngineOptions,
  resolveEngineOptions,
} from './options.js';
import { Parking } from './parking.js';
import { SessionRun } from './session-run.js';
import { SessionTokenStore } from './session-tokens.js';

export type { MockStats, SessionInspection } from '../admin/routes.js';
export type { MockEngineOptions, RetentionOptions } from './options.js';
export { DEFAULT_SCENARIO } from './options.js';

const DAY_MS = 86_400_000;

/**
 * The mock server itself, with no I/O: {@link serve} answers an {@link EngineRequest} over the
 * sessions, their clock, the idempotency store and the fault rules, and never rejects.
 * Adapters (the Node HTTP server, MSW, a service worker) only convert to and from it. It is
 * also the {@link MockAdmin} surface tests drive it with.
 */
export class MockEngine implements MockAdmin, EngineState {
  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  readonly options: ResolvedEngineOptions;
  readonly clock: Clock;
  readonly faults: FaultSet;
  readonly journal: RequestJournal;
  readonly sessions: MockAdmin['sessions'];
  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  readonly parking: Parking;
  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  readonly idempotency: IdempotencyStore<Reply>;
  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  readonly tokens: SessionTokenStore;
  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  readonly admin: MockAdmin = this;
  #sessions = new Map<string, SessionRun>();
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

  constructor(options: MockEngineOptions & { fixtures: Fixture[] }) {
    this.options = resolveEngineOptions(options);
    this.clock = this.options.clock;
    this.faults = this.options.faults;
    const now = () => this.clock.now();
    this.idempotency = new IdempotencyStore<Reply>(this.options.idempotency, now);
    this.tokens = new SessionTokenStore({ maxTokens: 10_000, expiredKeptMs: DAY_MS }, now);
    this.journal = new RequestJournal(this.options.journalLimit);
    this.parking = new Parking(this.clock, this.options.defer, () => this.#maybeAutoAdvance());
    this.sessions = {
      list: () => [...this.#sessions.values()].map((run) => run.snapshot()),
      get: (id) => {
        const run = this.#sessions.get(id);
        return run && { session: run.snapshot(), events: structuredClone(run.events) };
      },
    };
  }

  /** True once {@link close} ran: every later API request gets a 503. */
  get closed(): boolean {
    return this.#closed;
  }

  /** @internal Aborts when {@link close} runs (part of {@link EngineState}). */
  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  /** @internal Bumped by {@link reset} (part of {@link EngineState}). */
  get generation(): number {
    return this.#generation;
  }

  /** The names of the scenarios sessions can play. */
  get scenarioNames(): string[] {
    return [...this.options.fixtures.keys()];
  }

  stats(): MockStats {
    const parked = this.parking.parked;
    return {
      sessions: this.#sessions.size,
      parked,
      held: this.parking.waiting - parked,
      idempotencyKeys: this.idempotency.size,
      tokens: this.tokens.size,
      journal: this.journal.count(),
    };
  }

  reset(): void {
    // Requests begun before this line are of the past: not journaled, and they change nothing.
    this.#generation += 1;
    for (const run of this.#sessions.values()) run.stop();
    this.#sessions.clear();
    this.#finished.clear();
    this.idempotency.clear();
    this.tokens.clear();
    this.faults.clear();
    this.journal.clear();
    this.parking.wakeAll();
  }

  /** Stops every timer and answers every parked request; later requests get a 503. */
  close(): void {
    this.#closed = true;
    this.#closing.abort();
    for (const run of this.#sessions.values()) run.stop();
    this.parking.close();
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
    let served: Awaited<ReturnType<typeof serveRequest>>;
    try {
      served = await serveRequest(this, request, requestId, generation);
    } finally {
      this.#active -= 1;
      this.#maybeAutoAdvance();
    }
    const { response, trace } = served;
    if (!trace.admin && generation === this.#generation) {
      this.journal.record({
        requestId,
        at,
        method: String(request.method).slice(0, 32),
        path: trace.path.slice(0, 2048),
        operation: trace.operation,
        sessionId: trace.sessionId,
        status: response.reset ? 0 : response.status,
        idempotencyKey: trace.idempotencyKey,
        fault: trace.fault,
        credential: trace.credential,
      });
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

  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  createSession(body: CreateSessionRequest): SessionRun {
    const scenario = body.metadata?.scenario ?? this.options.defaultScenario;
    const fixture = this.options.fixtures.get(scenario);
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
        this.options.onEvent?.(session.id, session.events[session.events.length - 1]!);
        this.parking.wake(session.id);
      },
    });
    this.#sessions.set(id, run);
    return run;
  }

  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  sessionsNewestFirst(): SessionRun[] {
    return [...this.#sessions.values()].reverse();
  }

  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  session(id: string | undefined): SessionRun {
    // Every stored id is valid by construction: only an unknown one needs the check that
    // tells a malformed id (400) from a missing one (404).
    const known = id === undefined ? undefined : this.#sessions.get(id);
    if (!known) return this.missingSession(id);
    this.#touch(known);
    return known;
  }

  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  missingSession(id: string | undefined): never {
    const result = validate(zSessionId, id, 'path.session_id');
    if (!result.success) throw invalidRequest(result.issues);
    throw new ProblemError(404, 'not_found', `No session with id ${result.data}.`);
  }

  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  mintToken(run: SessionRun, scopes: Parameters<SessionTokenStore['mint']>[1], expiresInS: number) {
    return this.tokens.mint(run.id, scopes, expiresInS);
  }

  /** @internal Part of {@link EngineState}, for the pipeline; not public API. */
  async waitForChanges(
    run: SessionRun,
    from: number,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<void> {
    const ready = () => run.events.length > from || run.terminal || this.#closed;
    if (ready() || waitMs <= 0 || this.#closed) return;
    await this.parking.park(run.id, waitMs, ready, signal);
    // Wiped by reset() (or evicted) while parked: an empty page would read as alive.
    if (this.#sessions.get(run.id) !== run) {
      throw new ProblemError(
        404,
        'not_found',
        `No session with id ${run.id}: it was removed (the mock was reset) while this request waited.`,
      );
    }
  }

  // A finished session was read (or just ended): it moves to the back of the eviction order.
  #touch(run: { id: string; terminal: boolean }): void {
    if (!run.terminal) return;
    this.#finished.delete(run.id);
    this.#finished.set(run.id, { at: this.clock.now(), real: this.options.timers.monotonic() });
  }

  // Least recently read first, past the TTL or the limit; never one a client is still on.
  #evictFinished(): void {
    const oldest = this.clock.now() - this.options.finishedTtlMs;
    const recent = this.options.timers.monotonic() - this.options.readGraceMs;
    let excess = this.#finished.size - this.options.finishedLimit;
    for (const [id, read] of this.#finished) {
      if (read.at > oldest && excess <= 0) break;
      if (read.real > recent || this.parking.has(id)) continue;
      this.#finished.delete(id);
      this.#sessions.get(id)?.stop();
      this.#sessions.delete(id);
      excess -= 1;
    }
  }

  #maybeAutoAdvance(): void {
    if (!this.options.autoAdvance || this.#advanceQueued || this.#closed) return;
    const waiting = this.parking.waiting;
    if (waiting === 0 || this.#active > waiting) return;
    this.#advanceQueued = true;
    this.options.defer(() => {
      this.#advanceQueued = false;
      const waitingNow = this.parking.waiting;
      // Re-checked: a request may have arrived meanwhile.
      if (this.#closed || waitingNow === 0 || this.#active > waitingNow) return;
      const due = this.clock.nextDue();
      if (due !== undefined) this.clock.advance(Math.max(0, due - this.clock.now()));
      this.#maybeAutoAdvance();
    });
  }
}
