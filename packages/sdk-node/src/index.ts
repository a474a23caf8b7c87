// The whole core API (one package to install); `AgentSessions` below is the Node client and
// takes precedence over the core's class of the same name.
export * from '@agent-sessions/sdk-core';
export { AgentSessions, USER_AGENT } from './client.js';
