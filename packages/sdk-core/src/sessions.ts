import type { SentMessage, Session, SessionList, SessionToken } from '@agent-sessions/protocol';
import { APIPromise, type PagePromise } from './api-promise.js';
import type { SessionEvent } from './events.js';
import { sessionPath } from './operations/api-path.js';
import type { ClientContext } from './operations/context.js';
import { controlSession } from './operations/control-session.js';
import { createSessionToken } from './operations/create-session-token.js';
import { getSessionChanges } from './operations/get-session-changes.js';
import { getSessionStatus } from './operations/get-session-status.js';
import { listSessionEvents } from './operations/list-session-events.js';
import { listSessions } from './operations/list-sessions.js';
import { sendMessage } from './operations/send-message.js';
import { startSession } from './operations/start-session.js';
import type { MutationOptions, RequestOptions } from './options.js';
import type { SessionChanges, SessionEventPage } from './response-parsers.js';
import { SessionHandle, type StartedSession } from './session-handle.js';
import type {
  AnswerOptions,
  AskOptions,
  ChangesOptions,
  CreateTokenParams,
  EventsOptions,
  ListOptions,
  RunParams,
  RunResult,
  StartParams,
  WatchOptions,
} from './session-types.js';
import { answer, ask } from './workflows/answer.js';
import { run } from './workflows/run.js';
import { watch, watchPages } from './workflows/watch.js';

/**
 * The sessions resource: `client.sessions`. Every operation is here as a direct call keyed by
 * id (for code that only has the id); {@link SessionHandle} methods do the same by handle.
 */
export class Sessions {
  readonly #client: ClientContext;

  /** Made by the client: `client.sessions`. */
  constructor(client: ClientContext) {
    this.#client = client;
  }

  /**
   * A handle for an existing session, made without any network call. Throws a
   * `BadRequestError` when `id` is not a valid session id.
   * @example const session = client.sessions.get('ses_01JD8Z3Q4R');
   */
  get(id: string): SessionHandle {
    sessionPath('/v1/sessions/{session_id}', id);
    return new SessionHandle(this.#client, id);
  }

  /**
   * Starts a session and resolves at once (before the agent's first step) with its handle,
   * whose `snapshot` is the Session the API created. Bad parameters are refused before
   * sending (`BadRequestError` naming the field).
   * @example const session = await client.sessions.start({ input: 'Plan a trip', idle_timeout_s: 300 });
   * console.log(session.id, session.snapshot.created_at);
   */
  start(params: StartParams): APIPromise<StartedSession> {
    const created = startSession(this.#client, params);
    return new APIPromise(async () => {
      const result = await created.withResponse();
      const handle = new SessionHandle(this.#client, result.data.id, result.data) as StartedSession;
      return { ...result, data: handle };
    });
  }

  /**
   * Sessions, newest first: await for one page, or iterate for every session of every page.
   * @example for await (const s of client.sessions.list()) console.log(s.id, s.state);
   */
  list(options: ListOptions = {}): PagePromise<SessionList, Session> {
    return listSessions(this.#client, options);
  }

  /**
   * The session's snapshot: state, step count, token usage, turn, answer. Cheap: poll it.
   * @example const { state, usage } = await client.sessions.status(id);
   */
  status(id: string, options: RequestOptions = {}): APIPromise<Session> {
    return getSessionStatus(this.#client, id, options);
  }

  /**
   * One long-poll: the events from `from` on, waiting up to `wait_s` when there are none yet;
   * pass `next` as `from` next time. The call's timeout is `timeoutMs` + `wait_s`.
   * @example const { events, next, terminal } = await client.sessions.changes(id, { from: 0, wait_s: 30 });
   */
  changes(id: string, options: ChangesOptions = {}): APIPromise<SessionChanges> {
    return getSessionChanges(this.#client, id, options);
  }

  /**
   * Every event from `from` on, in order, live, until the session is terminal. It long-polls
   * from its own cursor, so after any failure (a reset connection, a cut body, 5xx, 429) it
   * asks again from where it was, and a server whose cursor lags, skips or repeats cannot
   * make it lose or repeat an event (skipped ones are read from the history, or it fails with
   * `invalid_cursor`). Ends on a terminal state; `signal` rejects it with `AbortError`;
   * `break` stops it with no request left running.
   * @example for await (const event of client.sessions.watch(id)) if (event.type === 'answer') console.log(event.data.content);
   */
  watch(id: string, options: WatchOptions = {}): AsyncGenerator<SessionEvent, void, undefined> {
    return watch(this.#client, id, options);
  }

  /**
   * What {@link watch} reads, one long-poll answer at a time, with the same guarantees: each
   * page holds the next events in order, each once (`next` is the cursor after them), for
   * code that acts once per page rather than once per event (a UI store).
   * @example for await (const page of client.sessions.watchPages(id)) render(page.events, page.state);
   */
  watchPages(
    id: string,
    options: WatchOptions = {},
  ): AsyncGenerator<SessionChanges, void, undefined> {
    return watchPages(this.#client, id, options);
  }

  /**
   * The full event history, paged for you: iterate for every event, or await for one page.
   * @example for await (const event of client.sessions.events(id)) console.log(event.index, event.type);
   */
  events(id: string, options: EventsOptions = {}): PagePromise<SessionEventPage, SessionEvent> {
    return listSessionEvents(this.#client, id, options);
  }

  /**
   * Sends a message: picked up on the next step; wakes an `idle` session (next turn) and
   * resumes a `paused` one. Sent once even when retried (one `Idempotency-Key` per call).
   * Resolves with the message's id (named again by its `message_received` or
   * `message_dropped` event) and the session after it.
   * @example const { message_id } = await client.sessions.send(id, 'Focus on train connections only.');
   */
  send(id: string, text: string, options: MutationOptions = {}): APIPromise<SentMessage> {
    return sendMessage(this.#client, id, text, options);
  }

  /** Halts the session with its state kept; a no-op when paused. @example await client.sessions.pause(id); */
  pause(id: string, options: MutationOptions = {}): APIPromise<Session> {
    return controlSession(this.#client, id, 'pause', options);
  }

  /** Continues a paused session; a no-op otherwise. @example await client.sessions.resume(id); */
  resume(id: string, options: MutationOptions = {}): APIPromise<Session> {
    return controlSession(this.#client, id, 'resume', options);
  }

  /**
   * Makes the agent stop exploring and answer on its next step (`forced: true`).
   * @example await client.sessions.forceAnswer(id);
   */
  forceAnswer(id: string, options: MutationOptions = {}): APIPromise<Session> {
    return controlSession(this.#client, id, 'force-answer', options);
  }

  /** Stops the session for good (`interrupted`). @example await client.sessions.cancel(id); */
  cancel(id: string, options: MutationOptions = {}): APIPromise<Session> {
    return controlSession(this.#client, id, 'cancel', options);
  }

  /**
   * Mints a session token for this session (server-side, with the account key): a
   * short-lived credential for `scopes` (`read`: status, changes, events; `steer`: messages,
   * pause, resume, force-answer, cancel) on this one session, for `expires_in_s` seconds
   * (1-3600; default `900`). Hand `token` to a browser page, which uses it as its `apiKey`
   * (see `ApiKeyProvider`). A token cannot mint tokens (`PermissionDeniedError`).
   * @example const { token, expires_at } = await client.sessions.createToken(id, { scopes: ['read', 'steer'] });
   */
  createToken(id: string, params: CreateTokenParams): APIPromise<SessionToken> {
    return createSessionToken(this.#client, id, params);
  }

  /**
   * Waits for the final answer of the current turn (or of `turn`) and resolves with its text.
   * Rejects with `SessionEndedError` (naming the state, and a failed session's error) when
   * the session ends without one.
   * @example const text = await client.sessions.answer(id, { signal: AbortSignal.timeout(60_000) });
   */
  answer(id: string, options: AnswerOptions = {}): Promise<string> {
    return answer(this.#client, id, options);
  }

  /**
   * Multi-turn: sends `text`, then waits for the answer to it (the turn the message lands in).
   * @example const reply = await client.sessions.ask(id, 'And in winter?');
   */
  ask(id: string, text: string, options: AskOptions = {}): Promise<string> {
    return ask(this.#client, id, text, options);
  }

  /**
   * Starts a session and waits for its final answer; never surfaces the session mid-run (keep
   * a handle from `start()` for that). If `signal` aborts, also while the start is in flight,
   * the session is cancelled too, since nothing else could reach it (the clean-up is bounded).
   * @example const { answer } = await client.sessions.run({ input: 'What is the capital of France?' });
   */
  run(params: RunParams): Promise<RunResult> {
    return run(this.#client, params);
  }
}
