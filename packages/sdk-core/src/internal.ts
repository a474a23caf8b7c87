// The internal entry, `@agent-sessions/sdk-core/internal`: what the platform SDKs (sdk-node,
// sdk-web, react) build on and users do not. No semver promise: it changes with the SDKs.
export { backoffDelay, parseRetryAfter, readRetryAfter, retryDelay } from './backoff.js';
export { abortError } from './errors.js';
export { LOG_LEVELS } from './logger.js';
export { MAX_TIMER_MS, setLongTimeout, type Timers } from './long-timer.js';
export { checkOptionsObject, type ResolvedOptions } from './options.js';
export { resolvePlatform } from './platform.js';
export { refuse } from './refuse.js';
export { DEFAULT_WAIT_S } from './session-types.js';
export type { Call } from './transport/call.js';
export { Transport } from './transport/transport.js';
export { ABORT_CLEANUP_MS } from './workflows/run.js';
