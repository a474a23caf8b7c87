export type {
  Agent,
  Changes,
  CreateSessionRequest,
  CreateSessionTokenRequest,
  EventDataMap,
  EventEnvelope,
  EventPage,
  KnownEvent,
  KnownEventType,
  KnownSessionState,
  KnownTokenScope,
  Metadata,
  Problem,
  SentMessage,
  Session,
  SessionList,
  SessionState,
  SessionToken,
  TokenScope,
  Usage,
  ValidationIssue,
  ValidationResult,
} from '@agent-sessions/protocol';
export {
  isEventType,
  isKnownEventType,
  isTerminal,
  KNOWN_EVENT_TYPES,
  KNOWN_SESSION_STATES,
  TERMINAL_STATES,
} from '@agent-sessions/protocol';
export { APIPromise, PagePromise, type WithResponse } from './api-promise.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
export { AgentSessions } from './client.js';
export { createClient } from './create-client.js';
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
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  type SessionEndedDetails,
  SessionEndedError,
  TimeoutError,
  UnauthorizedError,
} from './errors.js';
export {
  parseEvent,
  type SessionEvent,
  UNKNOWN_EVENT_TYPE,
  type UnknownEvent,
} from './events.js';
export type {
  AfterResponseHook,
  BeforeRequestHook,
  BeforeRetryHook,
  HookContext,
  Hooks,
} from './hooks.js';
export { LOG_LEVEL_ENV, type Logger, type LogLevel } from './logger.js';
export type { OnlineStatus } from './online.js';
export type { ControlAction } from './operations/api-path.js';
export type { ClientContext } from './operations/context.js';
export { controlSession } from './operations/control-session.js';
export { createSessionToken } from './operations/create-session-token.js';
export { getSessionChanges } from './operations/get-session-changes.js';
export { getSessionStatus } from './operations/get-session-status.js';
export { listSessionEvents } from './operations/list-session-events.js';
export { listSessions } from './operations/list-sessions.js';
export { sendMessage } from './operations/send-message.js';
export { startSession } from './operations/start-session.js';
export {
  API_KEY_ENV,
  type ApiKeyProvider,
  BASE_URL_ENV,
  type ClientOptions,
  DEFAULT_BASE_URL,
  type FetchOptions,
  type MutationOptions,
  type RequestOptions,
} from './options.js';
export type { FetchLike, Platform } from './platform.js';
export type { SessionChanges, SessionEventPage } from './response-parsers.js';
export { SessionHandle, type StartedSession } from './session-handle.js';
export type {
  AnswerOptions,
  AskOptions,
  ChangesOptions,
  CreateTokenParams,
  EventsOptions,
  ListOptions,
  RunParams,
  RunResult,
  StartParams,
  WatchOptions,
} from './session-types.js';
export { Sessions } from './sessions.js';
export { answer as waitForAnswer, ask as askSession } from './workflows/answer.js';
export { run as runSession } from './workflows/run.js';
export { watch as watchSession, watchPages as watchSessionPages } from './workflows/watch.js';
