import {
  type Changes,
  type CreateSessionRequest,
  type EventPage,
  isEventType,
  parseEvent,
  requestSchemas,
  type Session,
  type SessionEvent,
  type SessionList,
  type ValidationResult,
  validate,
  zChanges,
  zEventPage,
  zGetSessionChangesQuery,
  zListSessionEventsQuery,
  zListSessionsQuery,
  zSession,
  zSessionList,
} from '@agent-sessions/protocol';
import { APIPromise, eager, PagePromise } from './api-promise.js';
import { AbortError, SessionEndedError } from './errors.js';
import type { MutationOptions, RequestOptions } from './options.js';
import { checked, readOptions, sessionPath, splitOptions } from './params.js';
import { SessionHandle } from './session-handle.js';
import type { Call, Transport } from './transport.js';

/** A long-poll's answer with every event validated and typed (unknown types kept as they came). */
export type SessionChanges = Omit<Changes, 'events'> & { events: SessionEvent[] };
/** A page of event history with every event validated and typed. */
export type SessionEventPage = Omit<EventPage, 'data'> & { data: SessionEvent[] };

/** Parameters of {@link Sessions.start}: the wire body plus request options. */
export type StartParams = CreateSessionRequest & MutationOptions;

/** Options of {@link Sessions.changes}. */
export interface ChangesOptions extends RequestOptions {
  /** The first event index wanted (the `next` of the previous call). Default: `0`. */
  from?: number | undefined;
  /** How long the server may hold the call when there is nothing new, in s (0-60). Default: `0`. */
  wait_s?: number | undefined;
}

/** Options of {@link Sessions.watch}. */
export interface WatchOptions extends RequestOptions {
  /** The first event index to deliver. Default: `0` (the whole log, then live events). */
  from?: number | undefined;
  /** The long-poll bound of each call, in s (0-60). Default: `30`. */
  wait_s?: number | undefined;
}

/** Options of {@link Sessions.events}. */
export interface EventsOptions extends RequestOptions {
  /** The first event index. Default: `0`. */
  from?: number | undefined;
  /** Events per page (1-500). Default: `100`. */
  limit?: number | undefined;
}

/** Options of {@link Sessions.list}. */
export interface ListOptions extends RequestOptions {
  /** The `next_cursor` of a previous page. Default: none (the newest sessions). */
  cursor?: string | undefined;
  /** Sessions per page (1-100). Default: `20`. */
  limit?: number | undefined;
}

/** Options of {@link Sessions.answer}. */
export interface AnswerOptions extends RequestOptions {
  /** The turn whose answer is wanted. Default: the session's current turn. */
  turn?: number | undefined;
  /** The long-poll bound of each call, in s (0-60). Default: `30`. */
  wait_s?: number | undefined;
}

/** Options of {@link Sessions.ask}. */
export type AskOptions = Omit<AnswerOptions, 'turn'> & MutationOptions;

/** Parameters of {@link Sessions.run}. */
export type RunParams = StartParams & Pick<AnswerOptions, 'wait_s'>;

/** What {@link Sessions.run} resolves to. */
export interface RunResult {
  /** The final answer. */
  answer: string;
  /** The session's snapshot after it answered. */
  session: Session;
}

const DEFAULT_WAIT_S = 30;

const parseSession = (json: unknown) => validate(zSession, json, 'response');

/**
 * Validates a page: its own fields against `envelope`, then each event in `key` once, against
 * its own type's schema (unknown types keep their raw data).
 */
function withEvents<K extends 'events' | 'data', T extends Record<K, unknown[]>>(
  envelope: (json: unknown) => ValidationResult<T>,
  key: K,
) {
  return (json: unknown): ValidationResult<Omit<T, K> & Record<K, SessionEvent[]>> => {
    const page = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    const raw = page[key];
    // The page schema would check every event too; with the events set aside they are
    // checked once, below, instead of twice.
    const outer = envelope(Array.isArray(raw) ? { ...page, [key]: [] } : json);
    if (!outer.success) return outer;
    const events: SessionEvent[] = [];
    for (const [i, item] of (raw as unknown[]).entries()) {
      const event = parseEvent(item, `response.${key}[${i}]`);
      if (!event.success) return event;
      events.push(event.data);
    }
    return { success: true, data: { ...outer.data, [key]: events } };
  };
}

// Pure: building a parser has no side effects, so an app that never parses pages drops it.
const parseChanges = /*#__PURE__*/ withEvents(
  (json) => validate(zChanges, json, 'response'),
  'events',
);
const parseEventPage = /*#__PURE__*/ withEvents(
  (json) => validate(zEventPage, json, 'response'),
  'data',
);

/**
 * The sessions resource: `client.sessions`. Every operation is here as a direct call keyed by
 * id (for code that only has the id); {@link SessionHandle} methods call these.
 */
export class Sessions {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  // The call is built inside the promise, so bad parameters reject it (nothing is sent).
  #send<T>(build: () => Call<T>): APIPromise<T> {
    return eager(async () => this.#transport.request(build()));
  }

  /**
   * A handle for an existing session, made without any network call. Throws a
   * `BadRequestError` when `id` is not a valid session id.
   * @example const session = client.sessions.get('ses_01JD8Z3Q4R');
   */
  get(id: string): SessionHandle {
    sessionPath(id);
    return new SessionHandle(this, id);
  }

  /**
   * Starts a session and resolves at once (before the agent's first step) with its handle.
   * Bad parameters are refused before sending (`BadRequestError` naming the field).
   * @example const session = await client.sessions.start({ input: 'Plan a trip', idle_timeout_s: 300 });
   */
  start(params: StartParams): APIPromise<SessionHandle> {
    const created = this.#send(() => {
      const [options, body] = splitOptions(params);
      return {
        method: 'POST',
        path: '/v1/sessions',
        body: checked(validate(requestSchemas.createSession, body, 'body'), 'POST /v1/sessions'),
        options,
        parse: parseSession,
      };
    });
    return new APIPromise(async () => {
      const result = await created.withResponse();
      return { ...result, data: new SessionHandle(this, result.data.id) };
    });
  }

  /**
   * Sessions, newest first: await for one page, or iterate for every session of every page.
   * @example for await (const s of client.sessions.list()) console.log(s.id, s.state);
   */
  list(options: ListOptions = {}): PagePromise<SessionList, Session> {
    const page = (cursor: string | undefined) => {
      const { limit, cursor: _, ...request } = options;
      return this.#send(() => ({
        method: 'GET',
        path: '/v1/sessions',
        query: checked(
          validate(zListSessionsQuery, { cursor, limit }, 'query'),
          'GET /v1/sessions',
        ),
        options: request,
        parse: (json) => validate(zSessionList, json, 'response'),
      }));
    };
    return new PagePromise(
      () => page(options.cursor).withResponse(),
      (last) => (last.has_more && last.next_cursor ? page(last.next_cursor) : undefined),
      (last) => last.data,
    );
  }

  /**
   * The session's snapshot: state, step count, token usage, turn, answer. Cheap: poll it.
   * @example const { state, usage } = await client.sessions.status(id);
   */
  status(id: string, options: RequestOptions = {}): APIPromise<Session> {
    return this.#send(() => ({
      method: 'GET',
      path: sessionPath(id),
      options,
      parse: parseSession,
    }));
  }

  /**
   * One long-poll: the events from `from` on, waiting up to `wait_s` when there are none yet;
   * pass `next` as `from` next time. The call's timeout is `timeoutMs` + `wait_s`.
   * @example const { events, next, terminal } = await client.sessions.changes(id, { from: 0, wait_s: 30 });
   */
  changes(id: string, options: ChangesOptions = {}): APIPromise<SessionChanges> {
    const { from, wait_s, ...request } = options;
    return this.#send(() => ({
      method: 'GET',
      path: sessionPath(id, '/changes'),
      query: checked(
        validate(zGetSessionChangesQuery, { from, wait_s }, 'query'),
        `GET /v1/sessions/${id}/changes`,
      ),
      extraTimeoutMs: (wait_s ?? 0) * 1000,
      options: request,
      parse: parseChanges,
    }));
  }

  /**
   * Every event from `from` on, in order, live, until the session is terminal. It long-polls
   * from its cursor, so after any failure (a reset connection, a cut body, 5xx, 429) it asks
   * again from where it was: no event is lost or repeated. Ends on a terminal state; `signal`
   * rejects it with `AbortError`; `break` stops it with no request left running. Each poll
   * gives up after `maxRetries` failed attempts in a row.
   * @example for await (const event of client.sessions.watch(id)) if (isEventType(event, 'answer')) console.log(event.data.content);
   */
  async *watch(
    id: string,
    options: WatchOptions = {},
  ): AsyncGenerator<SessionEvent, void, undefined> {
    const { from = 0, wait_s = DEFAULT_WAIT_S, ...request } = options;
    for await (const page of this.#poll(id, from, wait_s, request)) {
      // A plain loop: `yield*` over an array costs an extra promise per event.
      for (const event of page.events) yield event;
    }
  }

  async *#poll(id: string, from: number, wait_s: number, request: RequestOptions) {
    let cursor = from;
    for (;;) {
      const page = await this.changes(id, { ...request, from: cursor, wait_s });
      // Never hand out an event twice, even from a server that repeats one.
      yield { ...page, events: page.events.filter((event) => event.index >= cursor) };
      cursor = Math.max(cursor, page.next);
      if (page.terminal) return;
    }
  }

  /**
   * The full event history, paged for you: iterate for every event, or await for one page.
   * @example for await (const event of client.sessions.events(id)) console.log(event.index, event.type);
   */
  events(id: string, options: EventsOptions = {}): PagePromise<SessionEventPage, SessionEvent> {
    const { from, limit, ...request } = options;
    const page = (start: number | undefined) =>
      this.#send(() => ({
        method: 'GET',
        path: sessionPath(id, '/events'),
        query: checked(
          validate(zListSessionEventsQuery, { from: start, limit }, 'query'),
          `GET /v1/sessions/${id}/events`,
        ),
        options: request,
        parse: parseEventPage,
      }));
    return new PagePromise(
      () => page(from).withResponse(),
      (last) => (last.has_more ? page(last.next) : undefined),
      (last) => last.data,
    );
  }

  /**
   * Sends a message: picked up on the next step; wakes an `idle` session (next turn) and
   * resumes a `paused` one. Sent once even when retried (one `Idempotency-Key` per call).
   * @example await client.sessions.send(id, 'Focus on train connections only.');
   */
  send(id: string, text: string, options: MutationOptions = {}): APIPromise<Session> {
    return this.#control(id, '/messages', options, () =>
      checked(
        validate(requestSchemas.sendMessage, { content: text }, 'body'),
        `POST /v1/sessions/${id}/messages`,
      ),
    );
  }

  /** Halts the session with its state kept; a no-op when paused. @example await client.sessions.pause(id); */
  pause(id: string, options: MutationOptions = {}): APIPromise<Session> {
    return this.#control(id, '/pause', options);
  }

  /** Continues a paused session; a no-op otherwise. @example await client.sessions.resume(id); */
  resume(id: string, options: MutationOptions = {}): APIPromise<Session> {
    return this.#control(id, '/resume', options);
  }

  /**
   * Makes the agent stop exploring and answer on its next step (`forced: true`).
   * @example await client.sessions.forceAnswer(id);
   */
  forceAnswer(id: string, options: MutationOptions = {}): APIPromise<Session> {
    return this.#control(id, '/force-answer', options);
  }

  /** Stops the session for good (`interrupted`). @example await client.sessions.cancel(id); */
  cancel(id: string, options: MutationOptions = {}): APIPromise<Session> {
    return this.#control(id, '/cancel', options);
  }

  #control(id: string, action: string, options: MutationOptions, body?: () => unknown) {
    return this.#send(() => ({
      method: 'POST',
      path: sessionPath(id, action),
      body: body?.(),
      options: splitOptions(options)[0],
      parse: parseSession,
    }));
  }

  /**
   * Waits for the final answer of the current turn (or of `turn`) and resolves with its text.
   * Rejects with `SessionEndedError` (naming the state) when the session ends without one.
   * @example const text = await client.sessions.answer(id, { signal: AbortSignal.timeout(60_000) });
   */
  async answer(id: string, options: AnswerOptions = {}): Promise<string> {
    const { turn, wait_s = DEFAULT_WAIT_S, ...request } = options;
    let wanted = turn;
    let state = '';
    let reason: string | undefined;
    for await (const page of this.#poll(id, 0, wait_s, request)) {
      wanted ??= page.turn;
      for (const event of page.events) {
        if (isEventType(event, 'answer') && event.turn === wanted) return event.data.content;
        if (isEventType(event, 'state_changed')) reason = event.data.reason;
      }
      state = page.state;
    }
    throw new SessionEndedError(id, state, reason);
  }

  /**
   * Multi-turn: sends `text`, then waits for the answer to it (the turn the message lands in).
   * @example const reply = await session.ask('And in winter?');
   */
  async ask(id: string, text: string, options: AskOptions = {}): Promise<string> {
    const session = await this.send(id, text, options);
    return this.answer(id, { ...readOptions(options), wait_s: options.wait_s, turn: session.turn });
  }

  /**
   * Starts a session and waits for its final answer; never surfaces the session mid-run (keep
   * a handle from `start()` for that). If `signal` aborts, the session is cancelled too, since
   * nothing else could reach it.
   * @example const { answer } = await client.sessions.run({ input: 'What is the capital of France?' });
   */
  async run(params: RunParams): Promise<RunResult> {
    const { wait_s, ...start } = params;
    const reads = readOptions(params);
    const session = await this.start(start);
    try {
      const answer = await this.answer(session.id, { ...reads, wait_s });
      return { answer, session: await this.status(session.id, reads) };
    } catch (error) {
      if (AbortError.is(error)) await this.cancel(session.id).catch(() => undefined);
      throw error;
    }
  }
}
