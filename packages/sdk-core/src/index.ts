export type {
  Agent,
  Changes,
  CreateSessionRequest,
  EventDataMap,
  EventPage,
  KnownEvent,
  KnownEventType,
  KnownSessionState,
  Metadata,
  Problem,
  Session,
  SessionEvent,
  SessionList,
  SessionState,
  UnknownEvent,
  Usage,
  ValidationIssue,
} from '@agent-sessions/protocol';
export { isEventType, isKnownEventType, isTerminal } from '@agent-sessions/protocol';
export { APIPromise, PagePromise, type WithResponse } from './api-promise.js';
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryPolicy,
} from './backoff.js';
export { AgentSessions } from './client.js';
export {
  AbortError,
  AgentSessionsError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  type ErrorDetails,
  type FieldError,
  InvalidStateError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  SessionEndedError,
  TimeoutError,
  UnauthorizedError,
} from './errors.js';
export {
  API_KEY_ENV,
  type ApiKeyProvider,
  BASE_URL_ENV,
  type ClientOptions,
  DEFAULT_BASE_URL,
  type MutationOptions,
  type RequestOptions,
  type ResolvedOptions,
} from './options.js';
export { type FetchLike, type Platform, resolvePlatform } from './platform.js';
export { SessionHandle } from './session-handle.js';
export type {
  AnswerOptions,
  AskOptions,
  ChangesOptions,
  EventsOptions,
  ListOptions,
  RunParams,
  RunResult,
  SessionChanges,
  SessionEventPage,
  StartParams,
  WatchOptions,
} from './sessions.js';
export { Sessions } from './sessions.js';
