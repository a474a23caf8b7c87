// Type tests, checked by `pnpm typecheck` (tsc): they pin the public types of the hook.
import { expectTypeOf, test } from 'vitest';
import {
  AgentSessions,
  AgentSessionsProvider,
  type LiveSession,
  type NoSession,
  type SavedSession,
  type SessionEvent,
  type SessionHandle,
  type SessionSnapshot,
  type UseSessionOptions,
  type UseSessionResult,
  useAgentSessions,
  useSession,
} from '../src/index.ts';

const client = new AgentSessions({ baseUrl: '/api/agent-sessions' });
const handle = client.sessions.get('ses_1');

test('a handle or an id gives a live session: the snapshot and the handle to steer with', () => {
  const fromHandle = useSession(handle);
  expectTypeOf(fromHandle).toEqualTypeOf<LiveSession>();
  expectTypeOf(useSession('ses_1', { client })).toEqualTypeOf<LiveSession>();
  expectTypeOf(fromHandle.session).toEqualTypeOf<SessionHandle>();
  expectTypeOf(fromHandle.id).toEqualTypeOf<string>();
  expectTypeOf(fromHandle.save()).toEqualTypeOf<SavedSession>();
  expectTypeOf(fromHandle).toMatchTypeOf<SessionSnapshot>();
  expectTypeOf(fromHandle.events).toEqualTypeOf<readonly SessionEvent[]>();
});

test('maybe no session: narrow on `session`', () => {
  const result = useSession(null as string | null);
  expectTypeOf(result).toEqualTypeOf<UseSessionResult>();
  if (result.session) {
    expectTypeOf(result).toEqualTypeOf<LiveSession>();
    expectTypeOf(result.id).toEqualTypeOf<string>();
  } else {
    expectTypeOf(result).toEqualTypeOf<NoSession>();
    expectTypeOf(result.save()).toEqualTypeOf<undefined>();
  }
  // @ts-expect-error no session, no handle to steer
  result.session.pause();
});

test('options: modes, numbers, callbacks with their argument types', () => {
  useSession(handle, {
    enabled: false,
    mode: 'status',
    pollIntervalMs: 5_000,
    throttleMs: 100,
    maxEvents: 200,
    wait_s: 10,
    initial: JSON.parse('{}') as SavedSession,
    onEvent: (event) => expectTypeOf(event).toEqualTypeOf<SessionEvent>(),
    onAnswer: (answer) => expectTypeOf(answer).toEqualTypeOf<string>(),
    onError: (error) => expectTypeOf(error).toEqualTypeOf<Error>(),
  });
  // @ts-expect-error the modes are 'events' and 'status'
  useSession(handle, { mode: 'poll' });
  // @ts-expect-error a number of ms
  useSession(handle, { throttleMs: '100' });
  // @ts-expect-error a number
  useSession(42);
  expectTypeOf<UseSessionOptions['client']>().toMatchTypeOf<
    { readonly sessions: { get(id: string): SessionHandle } } | undefined
  >();
});

test('the provider takes a client; useAgentSessions returns it', () => {
  AgentSessionsProvider({ client, children: null });
  // @ts-expect-error the provider needs a client
  AgentSessionsProvider({ children: null });
  expectTypeOf(useAgentSessions()).toEqualTypeOf<AgentSessions>();
});
