import {
  requestSchemas,
  type SentMessage,
  type Session,
  type SessionList,
  type SessionToken,
  type ValidationResult,
  validate,
  validateResponse,
  zGetSessionChangesQuery,
  zListSessionEventsQuery,
  zListSessionsQuery,
  zSentMessage,
  zSessionToken,
} from '@agent-sessions/protocol';
import { APIPromise, eager, PagePromise } from './api-promise.js';
import { splitOptions } from './call-options.js';
import { ResponseValidationError } from './errors.js';
import type { SessionEvent } from './events.js';
import type { MutationOptions, RequestOptions } from './options.js';
import { checked } from './refuse.js';
import {
  parseChanges,
  parseEventPage,
  parseSession,
  parseSessionList,
  type SessionChanges,
  type SessionEventPage,
} from './response-parsers.js';
import { sessionPath } from './session-path.js';
import type {
  ChangesOptions,
  CreateTokenParams,
  EventsOptions,
  ListOptions,
  StartParams,
} from './session-types.js';
import type { Call } from './transport/call.js';
import type { Transport } from './transport/transport.js';

/** The cursors a page of `list()` was reached through, to catch a server that goes round. */
const cursorsSeen = new WeakMap<SessionList, Set<string>>();

/**
 * The API's operations, one HTTP call each (with its retries), keyed by session id. The
 * public `Sessions` and `SessionHandle` are thin layers over these.
 */
export class SessionCalls {
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  // The call is built inside the promise, so bad parameters reject it (nothing is sent).
  #send<T>(build: () => Call<T>): APIPromise<T> {
    return eager(async () => this.transport.request(build()));
  }

  /** `POST /v1/sessions`. */
  start(params: StartParams): APIPromise<Session> {
    return this.#send(() => {
      const [options, body] = splitOptions(params);
      return {
        method: 'POST',
        path: '/v1/sessions',
        body: checked(validate(requestSchemas.createSession, body, 'body'), 'POST /v1/sessions'),
        options,
        parse: parseSession,
      };
    });
  }

  /** `GET /v1/sessions`, paged; a cursor that does not move or goes round is an error. */
  list(options: ListOptions = {}): PagePromise<SessionList, Session> {
    const { limit, cursor: first, ...request } = options;
    const page = (cursor: string | undefined) =>
      this.#send(() => ({
        method: 'GET',
        path: '/v1/sessions',
        query: checked(
          validate(zListSessionsQuery, { cursor, limit }, 'query'),
          'GET /v1/sessions',
        ),
        options: request,
        parse: parseSessionList,
      }));
    return new PagePromise(
      () => page(first).withResponse(),
      (last) => {
        if (!last.has_more || !last.next_cursor) return undefined;
        const seen = new Set(cursorsSeen.get(last));
        if (first !== undefined) seen.add(first);
        const next = last.next_cursor;
        if (seen.has(next)) {
          throw cursorError(
            'GET /v1/sessions',
            'response.next_cursor',
            `the cursor "${next}" was already read: the server's pages go round`,
          );
        }
        seen.add(next);
        return new APIPromise(async () => {
          const result = await page(next).withResponse();
          cursorsSeen.set(result.data, seen);
          return result;
        });
      },
      (last) => last.data,
    );
  }

  /** `GET /v1/sessions/{id}`. */
  status(id: string, options: RequestOptions = {}): APIPromise<Session> {
    return this.#send(() => ({
      method: 'GET',
      path: sessionPath(id),
      sessionId: id,
      options,
      parse: parseSession,
    }));
  }

  /** `GET /v1/sessions/{id}/changes`: one long-poll, as the API returns it. */
  changes(id: string, options: ChangesOptions = {}): APIPromise<SessionChanges> {
    const { from, wait_s, ...request } = options;
    return this.#send(() => ({
      method: 'GET',
      path: sessionPath(id, '/changes'),
      sessionId: id,
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
   * `GET /v1/sessions/{id}/events`, paged. Each page holds exactly the events from where it
   * was asked, in order: repeats are dropped, a gap or a cursor that does not move is an error.
   */
  events(id: string, options: EventsOptions = {}): PagePromise<SessionEventPage, SessionEvent> {
    const { from = 0, limit, ...request } = options;
    const where = `GET /v1/sessions/${id}/events`;
    const page = (start: number) =>
      new APIPromise(async () => {
        const result = await this.#send(() => ({
          method: 'GET',
          path: sessionPath(id, '/events'),
          sessionId: id,
          query: checked(validate(zListSessionEventsQuery, { from: start, limit }, 'query'), where),
          options: request,
          parse: parseEventPage,
        })).withResponse();
        const data = inOrder(result.data.data, start, where);
        if (result.data.has_more && data.length === 0) {
          throw cursorError(
            where,
            'response.next',
            `has_more is true but no event from ${start} came: the cursor does not move`,
          );
        }
        // Our own cursor, not the server's `next`: a lagging `next` cannot repeat events.
        return { ...result, data: { ...result.data, data, next: start + data.length } };
      });
    return new PagePromise(
      () => page(from).withResponse(),
      (last) => (last.has_more ? page(last.next) : undefined),
      (last) => last.data,
    );
  }

  /** `POST /v1/sessions/{id}/messages`. */
  send(id: string, text: string, options: MutationOptions = {}): APIPromise<SentMessage> {
    return this.#send(() => ({
      method: 'POST',
      path: sessionPath(id, '/messages'),
      sessionId: id,
      body: checked(
        validate(requestSchemas.sendMessage, { content: text }, 'body'),
        `POST /v1/sessions/${id}/messages`,
      ),
      options: splitOptions(options)[0],
      parse: (json) =>
        validateResponse(zSentMessage, json, 'response') as ValidationResult<SentMessage>,
    }));
  }

  /** `POST /v1/sessions/{id}/tokens`: a session token, minted with the account key. */
  createToken(id: string, params: CreateTokenParams): APIPromise<SessionToken> {
    return this.#send(() => {
      const [options, body] = splitOptions(params);
      return {
        method: 'POST',
        path: sessionPath(id, '/tokens'),
        sessionId: id,
        body: checked(
          validate(requestSchemas.createSessionToken, body, 'body'),
          `POST /v1/sessions/${id}/tokens`,
        ),
        options,
        parse: (json) =>
          validateResponse(zSessionToken, json, 'response') as ValidationResult<SessionToken>,
      };
    });
  }

  /** `POST /v1/sessions/{id}/{pause,resume,force-answer,cancel}`. */
  control(id: string, action: string, options: MutationOptions = {}): APIPromise<Session> {
    return this.#send(() => ({
      method: 'POST',
      path: sessionPath(id, action),
      sessionId: id,
      options: splitOptions(options)[0],
      parse: parseSession,
    }));
  }
}

/**
 * The events of a page that continue exactly from `start`: repeats (index below `start`)
 * are dropped; an event past the next expected index is a gap, an error.
 */
function inOrder(events: SessionEvent[], start: number, where: string): SessionEvent[] {
  const out: SessionEvent[] = [];
  for (const event of events) {
    const expected = start + out.length;
    if (event.index < expected) continue;
    if (event.index > expected) {
      throw cursorError(
        where,
        'response.data',
        `expected event ${expected} next but got ${event.index}: the server skipped events`,
      );
    }
    out.push(event);
  }
  return out;
}

/** A server whose cursor skips, repeats or stalls: the SDK will not guess. */
export function cursorError(where: string, path: string, problem: string): ResponseValidationError {
  const [method, ...rest] = where.split(' ');
  return new ResponseValidationError({
    code: 'invalid_cursor',
    method,
    path: rest.join(' '),
    issues: [{ path, message: problem }],
    message: `Response does not match the API: ${where} - ${path}: ${problem}`,
  });
}
