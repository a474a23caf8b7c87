import type { Session, SessionEvent } from '@agent-sessions/protocol';
import type { APIPromise, PagePromise } from './api-promise.js';
import type { MutationOptions, RequestOptions } from './options.js';
import type {
  AnswerOptions,
  AskOptions,
  ChangesOptions,
  EventsOptions,
  SessionChanges,
  SessionEventPage,
  Sessions,
  WatchOptions,
} from './sessions.js';

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
  readonly #sessions: Sessions;

  constructor(sessions: Sessions, id: string) {
    this.#sessions = sessions;
    this.id = id;
  }

  /** The session's snapshot: state, step count, usage, turn, answer. See {@link Sessions.status}. */
  status(options?: RequestOptions): APIPromise<Session> {
    return this.#sessions.status(this.id, options);
  }

  /** One long-poll call, as the API returns it. See {@link Sessions.changes}. */
  changes(options?: ChangesOptions): APIPromise<SessionChanges> {
    return this.#sessions.changes(this.id, options);
  }

  /** Every event, in order, until the session is terminal. See {@link Sessions.watch}. */
  watch(options?: WatchOptions): AsyncGenerator<SessionEvent, void, undefined> {
    return this.#sessions.watch(this.id, options);
  }

  /** The event history, paged for you. See {@link Sessions.events}. */
  events(options?: EventsOptions): PagePromise<SessionEventPage, SessionEvent> {
    return this.#sessions.events(this.id, options);
  }

  /** Sends a message to the agent. See {@link Sessions.send}. */
  send(text: string, options?: MutationOptions): APIPromise<Session> {
    return this.#sessions.send(this.id, text, options);
  }

  /** Pauses the session. See {@link Sessions.pause}. */
  pause(options?: MutationOptions): APIPromise<Session> {
    return this.#sessions.pause(this.id, options);
  }

  /** Resumes a paused session. See {@link Sessions.resume}. */
  resume(options?: MutationOptions): APIPromise<Session> {
    return this.#sessions.resume(this.id, options);
  }

  /** Makes the agent answer on its next step. See {@link Sessions.forceAnswer}. */
  forceAnswer(options?: MutationOptions): APIPromise<Session> {
    return this.#sessions.forceAnswer(this.id, options);
  }

  /** Cancels the session for good. See {@link Sessions.cancel}. */
  cancel(options?: MutationOptions): APIPromise<Session> {
    return this.#sessions.cancel(this.id, options);
  }

  /** Waits for the current turn's final answer. See {@link Sessions.answer}. */
  answer(options?: AnswerOptions): Promise<string> {
    return this.#sessions.answer(this.id, options);
  }

  /** Sends a message, then waits for the answer to it. See {@link Sessions.ask}. */
  ask(text: string, options?: AskOptions): Promise<string> {
    return this.#sessions.ask(this.id, text, options);
  }
}
