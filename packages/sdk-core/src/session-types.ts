import type {
  CreateSessionRequest,
  CreateSessionTokenRequest,
  operations,
  Session,
} from '@agent-sessions/protocol';
import type { MutationOptions, RequestOptions } from './options.js';

/** An operation's query parameters, as the protocol's generated types say them. */
type QueryOf<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

/** Parameters of `sessions.start`: the wire body plus request options. */
export type StartParams = CreateSessionRequest & MutationOptions;

/**
 * Parameters of `sessions.createToken`: `scopes` (`read` and/or `steer`, each once) and
 * `expires_in_s` (1-3600; default `900`), plus request options.
 */
export type CreateTokenParams = Omit<CreateSessionTokenRequest, 'expires_in_s'> &
  Partial<Pick<CreateSessionTokenRequest, 'expires_in_s'>> &
  MutationOptions;

/**
 * Options of `sessions.changes`: `from` (the `next` of the previous call; default `0`) and
 * `wait_s` (the long-poll bound, 0-60 s; default `0`), plus request options.
 */
export type ChangesOptions = QueryOf<'getSessionChanges'> & RequestOptions;

/**
 * Options of `sessions.watch`: `from` (the first event index to deliver; default `0`: the
 * whole log, then live events) and `wait_s` (each poll's bound, 0-60 s; default `30`; with
 * `0` the SDK waits between empty polls instead of asking at once), plus request options.
 */
export type WatchOptions = QueryOf<'getSessionChanges'> & RequestOptions;

/** Options of `sessions.events`: `from` (default `0`) and `limit` (1-500; default `100`). */
export type EventsOptions = QueryOf<'listSessionEvents'> & RequestOptions;

/** Options of `sessions.list`: `cursor` (a previous `next_cursor`) and `limit` (1-100; default `20`). */
export type ListOptions = QueryOf<'listSessions'> & RequestOptions;

/** Options of `sessions.answer`. */
export interface AnswerOptions extends RequestOptions {
  /** The turn whose answer is wanted. Default: the session's current turn. */
  turn?: number | undefined;
  /** The long-poll bound of each call, in s (0-60). Default: `30`. */
  wait_s?: number | undefined;
}

/** Options of `sessions.ask`. */
export type AskOptions = Omit<AnswerOptions, 'turn'> & MutationOptions;

/** Parameters of `sessions.run`. */
export type RunParams = StartParams & Pick<AnswerOptions, 'wait_s'>;

/** What `sessions.run` resolves to. */
export interface RunResult {
  /** The final answer. */
  answer: string;
  /** The session's snapshot after it answered. */
  session: Session;
}

/** The long-poll bound `watch`, `answer` and `run` use unless told otherwise, in s. */
export const DEFAULT_WAIT_S = 30;
