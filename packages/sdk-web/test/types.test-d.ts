// Type tests, checked by `pnpm typecheck` (tsc): they pin the browser-only public types.
import type * as core from '@agent-sessions/sdk-core';
import { expectTypeOf, test } from 'vitest';
import {
  AgentSessions,
  createSessionStore,
  type SessionEvent,
  type SessionHandle,
  type SessionSnapshot,
  type SessionState,
  type SessionStore,
  type Usage,
  type WebClientOptions,
} from '../src/index.ts';

test('client options: the credential rule and a token function', () => {
  expectTypeOf<WebClientOptions['dangerouslyAllowBrowser']>().toEqualTypeOf<boolean | undefined>();
  new AgentSessions({ apiKey: async ({ refresh }) => (refresh ? 'new' : 'old') });
  new AgentSessions({ baseUrl: '/api/agent-sessions' });
  new AgentSessions({ apiKey: 'sk', dangerouslyAllowBrowser: true });
  // @ts-expect-error the opt-in is a boolean
  new AgentSessions({ apiKey: 'sk', dangerouslyAllowBrowser: 'yes' });
  expectTypeOf<AgentSessions>().toMatchTypeOf<core.AgentSessions>();
});

test('the store: snapshot fields and a subscribe that fits useSyncExternalStore', () => {
  const store = createSessionStore({} as SessionHandle, { wait_s: 10, signal: undefined });
  expectTypeOf(store).toEqualTypeOf<SessionStore>();
  expectTypeOf(store.session).toEqualTypeOf<SessionHandle>();
  expectTypeOf(store.subscribe).toEqualTypeOf<(listener: () => void) => () => void>();
  expectTypeOf(store.getSnapshot).returns.toEqualTypeOf<SessionSnapshot>();
  const snapshot = store.getSnapshot();
  expectTypeOf(snapshot.state).toEqualTypeOf<SessionState | undefined>();
  expectTypeOf(snapshot.events).toEqualTypeOf<readonly SessionEvent[]>();
  expectTypeOf(snapshot.answer).toEqualTypeOf<string | null>();
  expectTypeOf(snapshot.error).toEqualTypeOf<Error | undefined>();
  expectTypeOf(snapshot.usage).toEqualTypeOf<Usage>();
  expectTypeOf(snapshot.done).toEqualTypeOf<boolean>();
  // @ts-expect-error snapshots are read-only
  snapshot.done = true;
});
