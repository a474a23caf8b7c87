export type { SessionsHandler } from './handler.js';
export { createSessionsHandler } from './handler.js';
export type {
  SessionsHandlerOptions,
  StartContext,
  StartHook,
} from './options.js';
export { OWNER_METADATA_KEY } from './options.js';
export type { OwnerCacheOptions } from './owner-cache.js';
export type { HandlerProblemCode } from './problem.js';
export type { SessionTokenOptions } from './token-policy.js';
