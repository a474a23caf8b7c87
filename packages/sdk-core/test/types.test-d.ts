import { describe, expectTypeOf, test } from 'vitest';
import {
  AgentSessions,
  type AgentSessionsError,
  type APIPromise,
  type ApiKeyProvider,
  type EventDataMap,
  InvalidStateError,
  isEventType,
  type KnownEvent,
  NotFoundError,
  type PagePromise,
  type RunResult,
  type SentMessage,
  type Session,
  type SessionChanges,
  type SessionEvent,
  type SessionEventPage,
  type SessionHandle,
  type SessionList,
  type SessionToken,
  type StartedSession,
  type UnknownEvent,
  type WithResponse,
} from '../src/index.js';

declare const client: AgentSessions;
declare const session: SessionHandle;
declare const event: SessionEvent;

describe('session tokens', () => {
  test('createToken takes the spec scopes (expires_in_s optional) and gives a SessionToken', () => {
    expectTypeOf(client.sessions.createToken('ses_1', { scopes: ['read'] })).toEqualTypeOf<
      APIPromise<SessionToken>
    >();
    expectTypeOf(
      session.createToken({ scopes: ['read', 'steer'], expires_in_s: 60 }),
    ).toEqualTypeOf<APIPromise<SessionToken>>();
    // @ts-expect-error: not a scope the spec defines
    client.sessions.createToken('ses_1', { scopes: ['admin'] });
    // @ts-expect-error: scopes are required
    session.createToken({ expires_in_s: 60 });
  });

  test('the key provider is told the session of the call', () => {
    expectTypeOf<Parameters<ApiKeyProvider>[0]['sessionId']>().toEqualTypeOf<string | undefined>();
  });
});

describe('return types', () => {
  test('start gives a handle; reads and controls give snapshots; all with withResponse', () => {
    expectTypeOf(client.sessions.start({ input: 'x' })).toEqualTypeOf<APIPromise<StartedSession>>();
    expectTypeOf<StartedSession['snapshot']>().toEqualTypeOf<Session>();
    expectTypeOf<SessionHandle['snapshot']>().toEqualTypeOf<Session | undefined>();
    expectTypeOf(client.sessions.get('ses_1')).toEqualTypeOf<SessionHandle>();
    expectTypeOf(session.status()).toEqualTypeOf<APIPromise<Session>>();
    expectTypeOf(session.pause()).toEqualTypeOf<APIPromise<Session>>();
    expectTypeOf(client.sessions.send('ses_1', 'hi')).toEqualTypeOf<APIPromise<SentMessage>>();
    expectTypeOf(session.send('hi')).toEqualTypeOf<APIPromise<SentMessage>>();
    expectTypeOf<SentMessage['message_id']>().toEqualTypeOf<string>();
    expectTypeOf(session.status().withResponse()).toEqualTypeOf<Promise<WithResponse<Session>>>();
    expectTypeOf<Awaited<ReturnType<typeof session.status>>>().toEqualTypeOf<Session>();
    expectTypeOf(session.changes()).toEqualTypeOf<APIPromise<SessionChanges>>();
    expectTypeOf<SessionChanges['events']>().toEqualTypeOf<SessionEvent[]>();
  });

  test('composite calls resolve to plain values', () => {
    expectTypeOf(session.answer()).toEqualTypeOf<Promise<string>>();
    expectTypeOf(session.ask('more')).toEqualTypeOf<Promise<string>>();
    expectTypeOf(client.sessions.run({ input: 'x' })).toEqualTypeOf<Promise<RunResult>>();
    expectTypeOf<RunResult>().toEqualTypeOf<{ answer: string; session: Session }>();
  });

  test('watch and events iterate events; list iterates sessions and awaits to a page', () => {
    expectTypeOf(session.watch()).toEqualTypeOf<AsyncGenerator<SessionEvent, void, undefined>>();
    expectTypeOf(session.events()).toEqualTypeOf<PagePromise<SessionEventPage, SessionEvent>>();
    expectTypeOf(client.sessions.list()).toEqualTypeOf<PagePromise<SessionList, Session>>();
    expectTypeOf(client.sessions.list()).toMatchTypeOf<AsyncIterable<Session>>();
    expectTypeOf<Awaited<ReturnType<typeof client.sessions.list>>>().toEqualTypeOf<SessionList>();
  });
});

describe('event narrowing', () => {
  test('isEventType narrows to the payload of the named types', () => {
    if (isEventType(event, 'answer')) {
      expectTypeOf(event.data).toEqualTypeOf<EventDataMap['answer']>();
      expectTypeOf(event.data.forced).toBeBoolean();
    }
    if (isEventType(event, 'step_finished', 'state_changed')) {
      expectTypeOf(event).toEqualTypeOf<KnownEvent<'step_finished' | 'state_changed'>>();
    }
  });

  test('a plain switch on type narrows every known type exactly; unknown events are (unknown)', () => {
    switch (event.type) {
      case 'answer':
        expectTypeOf(event.data.content).toBeString();
        expectTypeOf(event.data.forced).toBeBoolean();
        break;
      case 'tool_called':
        expectTypeOf(event.data.input).toEqualTypeOf<{ [key: string]: unknown }>();
        break;
      case 'message_received':
        expectTypeOf(event.data.message_id).toBeString();
        break;
      case '(unknown)':
        expectTypeOf(event).toEqualTypeOf<UnknownEvent>();
        expectTypeOf(event.original_type).toBeString();
        expectTypeOf(event.data).toEqualTypeOf<{ [key: string]: unknown }>();
        break;
      default:
        expectTypeOf(event).toMatchTypeOf<KnownEvent>();
    }
    if (event.type === 'step_finished') expectTypeOf(event.data.usage.total_tokens).toBeNumber();
  });

  test('an exhaustive switch over every type compiles with a never check', () => {
    const describe = (e: SessionEvent): string => {
      switch (e.type) {
        case 'state_changed':
        case 'message_received':
        case 'message_dropped':
        case 'step_started':
        case 'step_finished':
        case 'thought':
        case 'tool_called':
        case 'tool_returned':
        case 'subagent_started':
        case 'subagent_finished':
        case 'answer':
        case 'error':
          return e.type;
        case '(unknown)':
          return e.original_type;
        default: {
          const unreachable: never = e;
          return unreachable;
        }
      }
    };
    expectTypeOf(describe).returns.toBeString();
  });

  test('a type this SDK does not know is not a case of the switch', () => {
    // @ts-expect-error 'plan_updated' is no known type: it arrives as '(unknown)'
    if (event.type === 'plan_updated') return;
  });
});

describe('option types', () => {
  test('wire fields are snake_case, request options camelCase, both in one object', () => {
    client.sessions.start({
      input: 'x',
      idle_timeout_s: 60,
      metadata: { user: 'u_1' },
      signal: AbortSignal.timeout(1000),
      idempotencyKey: 'job-1',
      timeoutMs: 5000,
      maxRetries: 1,
    });
    session.watch({ from: 3, wait_s: 10, signal: new AbortController().signal });
    session.changes({ from: 0, wait_s: 30 });
    session.events({ from: 0, limit: 100 });
    client.sessions.list({ cursor: 'c', limit: 10 });
    session.answer({ turn: 2, signal: undefined });
    session.ask('more', { idempotencyKey: 'k', wait_s: 5 });
  });

  test('mistakes do not compile', () => {
    // @ts-expect-error input is required
    client.sessions.start({});
    // @ts-expect-error metadata values are strings
    client.sessions.start({ input: 'x', metadata: { n: 1 } });
    // @ts-expect-error reads take no idempotency key
    session.status({ idempotencyKey: 'k' });
    // @ts-expect-error the wire name is wait_s
    session.watch({ waitS: 5 });
  });

  test('client options', () => {
    const provider: ApiKeyProvider = async ({ refresh }) => (refresh ? 'new' : 'old');
    new AgentSessions({
      apiKey: provider,
      baseUrl: 'http://127.0.0.1:4010',
      timeoutMs: 1,
      maxRetries: 0,
    });
    new AgentSessions({ retry: { baseDelayMs: 10 }, platform: { sleep: async () => undefined } });
    // @ts-expect-error apiKey is a string or a provider
    new AgentSessions({ apiKey: 42 });
  });
});

describe('errors', () => {
  test('each class has a literal name and a guard that narrows', () => {
    expectTypeOf<NotFoundError['name']>().toEqualTypeOf<'NotFoundError'>();
    expectTypeOf<InvalidStateError['state']>().toEqualTypeOf<string | undefined>();
    const error: unknown = null;
    if (InvalidStateError.is(error)) expectTypeOf(error).toEqualTypeOf<InvalidStateError>();
    if (NotFoundError.is(error)) expectTypeOf(error).toMatchTypeOf<AgentSessionsError>();
    expectTypeOf<AgentSessionsError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<AgentSessionsError['requestId']>().toEqualTypeOf<string | undefined>();
  });
});
