// The whole browser SDK too (one package to install): `AgentSessions`, the handle, the store,
// the typed errors and the event helpers.
export * from '@agent-sessions/sdk-web';
export {
  AgentSessionsProvider,
  type AgentSessionsProviderProps,
  useAgentSessions,
} from './agent-sessions-provider.js';
export {
  type LiveSession,
  type NoSession,
  type SessionClient,
  type UseSessionOptions,
  type UseSessionResult,
  useSession,
} from './use-session.js';
