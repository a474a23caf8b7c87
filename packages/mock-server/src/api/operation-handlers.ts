/**
 * Every operation of the spec as a function over the engine's state ({@link EngineState}):
 * it reads its checked inputs and answers a {@link Reply}.
 */
import {
  parseWireEvent,
  requestSchemas,
  type ValidationIssue,
  type ValidationResult,
  validate,
  validateWithEvents,
  zChanges,
  zEventPage,
  zGetSessionChangesQuery,
  zListSessionEventsQuery,
  zListSessionsQuery,
  zSentMessage,
  zSession,
  zSessionList,
  zSessionToken,
} from '@agent-sessions/protocol';
import type * as z from 'zod/mini';
import type { EngineState } from '../engine/engine-state.js';
import type { SessionRun } from '../engine/session-run.js';
import type { OperationId } from './operations.js';
import { invalidRequest } from './problem.js';
import { bySchema, okReply, type Reply, type ResponseCheck } from './responses.js';
import { readQuery } from './routes.js';

/** One call of an operation: its inputs, already routed, authorized and read. */
export interface OperationContext {
  /** The session id from the path (still unchecked), for the session operations. */
  readonly sessionId: string | undefined;
  readonly query: URLSearchParams;
  /** The parsed JSON body, for operations that take one. */
  readonly body: unknown;
  readonly signal: AbortSignal;
  readonly state: EngineState;
}

/** How the engine runs one operation. */
export interface OperationHandler {
  /** True when the operation takes a JSON body (the engine reads and parses it first). */
  readonly body: boolean;
  /** Checks its success response against the spec (the engine checks every response). */
  readonly response: ResponseCheck;
  run(ctx: OperationContext): Reply | Promise<Reply>;
}

function validOrInvalidRequest<T>(
  result: { success: true; data: T } | { success: false; issues: ValidationIssue[] },
): T {
  if (!result.success) throw invalidRequest(result.issues);
  return result.data;
}

// Events already checked, by identity: an event is never changed once appended, and a thousand
// polls woken by one event should not check the same events a thousand times.
const checkedEvents = new WeakSet<object>();

/** Checks one event as `parseWireEvent` does, once per event. */
function checkEventOnce(event: unknown, path: string): ValidationResult<unknown> {
  const isObject = typeof event === 'object' && event !== null;
  if (isObject && checkedEvents.has(event)) return { success: true, data: event };
  const result = parseWireEvent(event, path);
  if (result.success && isObject) checkedEvents.add(event);
  return result;
}

/** Checks a response that carries events under `key`: its other fields by `schema`, then each event. */
const withEvents = <K extends 'events' | 'data'>(schema: z.ZodMiniType, key: K): ResponseCheck =>
  validateWithEvents(
    (json) => validate(schema, json, 'response') as ValidationResult<Record<K, unknown[]>>,
    key,
    checkEventOnce,
  );

const controlHandler =
  (act: (run: SessionRun) => void): OperationHandler['run'] =>
  (ctx) => {
    const run = ctx.state.session(ctx.sessionId);
    act(run);
    return okReply(200, run.wireSnapshot());
  };

/**
 * Every operation of the spec, by `operationId`. `satisfies Record<OperationId, ...>` makes the
 * compiler refuse a missing one: a new operation in the spec cannot fall through to another.
 */
export const OPERATION_HANDLERS = {
  createSession: {
    body: true,
    response: bySchema(zSession),
    run: (ctx) => {
      const body = validOrInvalidRequest(validate(requestSchemas.createSession, ctx.body, 'body'));
      return okReply(201, ctx.state.createSession(body).snapshot());
    },
  },
  listSessions: {
    body: false,
    response: bySchema(zSessionList),
    run: (ctx) => {
      const query = validOrInvalidRequest(
        validate(zListSessionsQuery, readQuery(ctx.query, 'listSessions'), 'query'),
      );
      const newestFirst = ctx.state.sessionsNewestFirst();
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
      return okReply(200, {
        data: page.map((run) => run.wireSnapshot()),
        next_cursor: hasMore ? page[page.length - 1]!.id : null,
        has_more: hasMore,
      });
    },
  },
  getSession: {
    body: false,
    response: bySchema(zSession),
    run: (ctx) => okReply(200, ctx.state.session(ctx.sessionId).snapshot()),
  },
  getSessionChanges: {
    body: false,
    response: withEvents(zChanges, 'events'),
    run: async (ctx) => {
      const run = ctx.state.session(ctx.sessionId);
      const query = validOrInvalidRequest(
        validate(zGetSessionChangesQuery, readQuery(ctx.query, 'getSessionChanges'), 'query'),
      );
      await ctx.state.waitForChanges(run, query.from, query.wait_s * 1000, ctx.signal);
      const events = run.events.slice(query.from);
      return okReply(200, {
        events,
        next: query.from + events.length,
        state: run.state,
        turn: run.turn,
        answer: run.answer,
        terminal: run.terminal,
      });
    },
  },
  listSessionEvents: {
    body: false,
    response: withEvents(zEventPage, 'data'),
    run: (ctx) => {
      const run = ctx.state.session(ctx.sessionId);
      const query = validOrInvalidRequest(
        validate(zListSessionEventsQuery, readQuery(ctx.query, 'listSessionEvents'), 'query'),
      );
      const data = run.events.slice(query.from, query.from + query.limit);
      const next = query.from + data.length;
      return okReply(200, { data, next, has_more: next < run.events.length });
    },
  },
  sendSessionMessage: {
    body: true,
    response: bySchema(zSentMessage),
    run: (ctx) => {
      const run = ctx.state.session(ctx.sessionId);
      const body = validOrInvalidRequest(validate(requestSchemas.sendMessage, ctx.body, 'body'));
      const messageId = run.sendMessage(body.content);
      return okReply(200, { message_id: messageId, session: run.wireSnapshot() });
    },
  },
  pauseSession: {
    body: false,
    response: bySchema(zSession),
    run: controlHandler((run) => run.pause()),
  },
  resumeSession: {
    body: false,
    response: bySchema(zSession),
    run: controlHandler((run) => run.resume()),
  },
  forceSessionAnswer: {
    body: false,
    response: bySchema(zSession),
    run: controlHandler((run) => run.forceAnswer()),
  },
  cancelSession: {
    body: false,
    response: bySchema(zSession),
    run: controlHandler((run) => run.cancel()),
  },
  createSessionToken: {
    body: true,
    response: bySchema(zSessionToken),
    run: (ctx) => {
      const run = ctx.state.session(ctx.sessionId);
      const body = validOrInvalidRequest(
        validate(requestSchemas.createSessionToken, ctx.body, 'body'),
      );
      return okReply(201, ctx.state.mintToken(run, body.scopes, body.expires_in_s));
    },
  },
} satisfies Record<OperationId, OperationHandler>;
