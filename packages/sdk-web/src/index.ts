// The whole core API (one package to install); `AgentSessions` below is the browser client and
// takes precedence over the core's class of the same name.
export * from '@agent-sessions/sdk-core';
export { AgentSessions, createClient, type WebClientOptions } from './client.js';
export {
  createSessionStore,
  type SavedSession,
  type SessionSnapshot,
  type SessionStore,
  type SessionStoreOptions,
} from './session-store.js';
export { type FetchedToken, sessionTokens } from './session-tokens.js';
