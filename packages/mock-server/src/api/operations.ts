/** The `operationId` of every operation in the OpenAPI document. */
export const OPERATION_IDS = [
  'createSession',
  'listSessions',
  'getSession',
  'getSessionChanges',
  'listSessionEvents',
  'sendSessionMessage',
  'pauseSession',
  'resumeSession',
  'forceSessionAnswer',
  'cancelSession',
  'createSessionToken',
] as const;

/** An operation of the API, by its spec `operationId`. */
export type OperationId = (typeof OPERATION_IDS)[number];
