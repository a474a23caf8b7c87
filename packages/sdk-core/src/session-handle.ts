import type { SentMessage, Session, SessionToken } from '@agent-sessions/protocol';
import type { APIPromise, PagePromise } from './api-promise.js';
import type { SessionEvent } from './events.js';
import type { ClientContext } from './operations/context.js';
import { controlSession } from './operations/control-session.js';
import { createSessionToken } from './operations/create-session-token.js';
import { getSessionChanges } from './operations/get-session-changes.js';
import { getSessionStatus } from './operations/get-session-status.js';
import { listSessionEvents } from './operations/list-session-events.js';
import { sendMessage } from './operations/send-message.js';
import type { MutationOptions, RequestOptions } from './options.js';
import type { SessionChanges, SessionEventPage } from './response-parsers.js';
import type {
  AnswerOptions,
  AskOptions,
  ChangesOptions,
  CreateTokenParams,
  EventsOptions,
  WatchOptions,
} from './session-types.js';
import { answer, ask } from './workflows/answer.js';
import { watch, watchPages } from './workflows/watch.js';

/**
 * A lightweight handle bound to one session id. Making one costs nothing (no network); every
 * method is the direct call of `client.sessions` with this id, so both behave the same.
 *
 * @example
 * const session = await client.sessions.start({ input: 'What is the capital of France?' });
 * for await (const event of session.watch()) console.log(event.type);
 */
export class SessionHandle {
  /** The session's id. */
  readonly id: string;
  /**
   * The Session as the API returned it when this handle was made by `start()` (its state,
   * `created_at`, `metadata`); `undefined` for a handle from `get(id)`. It is not updated:
   * call `status()` for a fresh one.
   */
  readonly snapshot: Session | undefined;
  readonly #client: ClientContext;

  /**
   * Made by `client.sessions.start()` and `client.sessions.get(id)`; or over a standalone
   * client, for a page that wants a handle (or a store) without `client.sessions`, which keeps
   * every call: `new SessionHandle(createClient(options), id)`. An id that is no session id is
   * refused by each call, with nothing sent.
   */
  constructor(client: ClientContext, id: string, snapshot?: Session) {
    this.#client = client;
    this.id = id;
    this.snapshot = snapshot;
  }

  /** @internal The client this handle calls through: sdk-web's store runs on its platform. */
  get client(): ClientContext {
    return this.#client;
  }

  /** The session's snapshot: state, step count, usage, turn, answer. See `sessions.status`. */
  status(options?: RequestOptions): APIPromise<Session> {
    return getSessionStatus(this.#client, this.id, options);
  }

  /** One long-poll call, as the API returns it. See `sessions.changes`. */
  changes(options?: ChangesOptions): APIPromise<SessionChanges> {
    return getSessionChanges(this.#client, this.id, options);
  }

  /** Every event, in order, until the session is terminal. See `sessions.watch`. */
  watch(options?: WatchOptions): AsyncGenerator<SessionEvent, void, undefined> {
    return watch(this.#client, this.id, options);
  }

  /** What `watch` reads, a long-poll answer at a time. See `sessions.watchPages`. */
  watchPages(options?: WatchOptions): AsyncGenerator<SessionChanges, void, undefined> {
    return watchPages(this.#client, this.id, options);
  }

  /** The event history, paged for you. See `sessions.events`. */
  events(options?: EventsOptions): PagePromise<SessionEventPage, SessionEvent> {
    return listSessionEvents(this.#client, this.id, options);
  }

  /** Sends a message to the agent; resolves with its `message_id`. See `sessions.send`. */
  send(text: string, options?: MutationOptions): APIPromise<SentMessage> {
    return sendMessage(this.#client, this.id, text, options);
  }

  /** Pauses the session. See `sessions.pause`. */
  pause(options?: MutationOptions): APIPromise<Session> {
    return controlSession(this.#client, this.id, 'pause', options);
  }

  /** Resumes a paused session. See `sessions.resume`. */
  resume(options?: MutationOptions): APIPromise<Session> {
    return controlSession(this.#client, this.id, 'resume', options);
  }

  /** Makes the agent answer on its next step. See `sessions.forceAnswer`. */
  forceAnswer(options?: MutationOptions): APIPromise<Session> {
    return controlSession(this.#client, this.id, 'force-answer', options);
  }

  /** Cancels the session for good. See `sessions.cancel`. */
  cancel(options?: MutationOptions): APIPromise<Session> {
    return controlSession(this.#client, this.id, 'cancel', options);
  }

  /** Mints a session token for this session. See `sessions.createToken`. */
  createToken(params: CreateTokenParams): APIPromise<SessionToken> {
    return createSessionToken(this.#client, this.id, params);
  }

  /** Waits for the current turn's final answer. See `sessions.answer`. */
  answer(options?: AnswerOptions): Promise<string> {
    return answer(this.#client, this.id, options);
  }

  /** Sends a message, then waits for the answer to it. See `sessions.ask`. */
  ask(text: string, options?: AskOptions): Promise<string> {
    return ask(this.#client, this.id, text, options);
  }
}

/** The handle `start()` resolves to: its `snapshot` is always there. */
export type StartedSession = SessionHandle & { readonly snapshot: Session };
