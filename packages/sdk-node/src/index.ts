// The whole core API (one package to install); `AgentSessions` and `createClient` below are the
// Node ones and take precedence over the core's of the same names.
export * from '@agent-sessions/sdk-core';
export { AgentSessions, createClient, USER_AGENT } from './client.js';
