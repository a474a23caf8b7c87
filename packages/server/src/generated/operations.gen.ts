// generated - do not edit. Source: @agent-sessions/protocol's openapi.yaml, by scripts/generate.mjs. Run `pnpm generate`.
import type { paths } from '@agent-sessions/protocol';

/**
 * Every operation of the API, as the spec lists it: the handler's allowlist. A request that
 * matches none of them is a 404 that reaches no upstream.
 */
export const OPERATIONS = [
  {"operationId":"listSessions","method":"GET","path":"/v1/sessions","segments":["v1","sessions"],"sessionScoped":false,"body":null,"idempotencyKey":false,"query":[{"name":"cursor","type":"string","minLength":1,"maxLength":200},{"name":"limit","type":"integer","minimum":1,"maximum":100}]},
  {"operationId":"createSession","method":"POST","path":"/v1/sessions","segments":["v1","sessions"],"sessionScoped":false,"body":"CreateSessionRequest","idempotencyKey":true,"query":[]},
  {"operationId":"getSession","method":"GET","path":"/v1/sessions/{session_id}","segments":["v1","sessions","{session_id}"],"sessionScoped":true,"body":null,"idempotencyKey":false,"query":[]},
  {"operationId":"getSessionChanges","method":"GET","path":"/v1/sessions/{session_id}/changes","segments":["v1","sessions","{session_id}","changes"],"sessionScoped":true,"body":null,"idempotencyKey":false,"query":[{"name":"from","type":"integer","minimum":0},{"name":"wait_s","type":"integer","minimum":0,"maximum":60}]},
  {"operationId":"listSessionEvents","method":"GET","path":"/v1/sessions/{session_id}/events","segments":["v1","sessions","{session_id}","events"],"sessionScoped":true,"body":null,"idempotencyKey":false,"query":[{"name":"from","type":"integer","minimum":0},{"name":"limit","type":"integer","minimum":1,"maximum":500}]},
  {"operationId":"sendSessionMessage","method":"POST","path":"/v1/sessions/{session_id}/messages","segments":["v1","sessions","{session_id}","messages"],"sessionScoped":true,"body":"SendMessageRequest","idempotencyKey":true,"query":[]},
  {"operationId":"pauseSession","method":"POST","path":"/v1/sessions/{session_id}/pause","segments":["v1","sessions","{session_id}","pause"],"sessionScoped":true,"body":null,"idempotencyKey":true,"query":[]},
  {"operationId":"resumeSession","method":"POST","path":"/v1/sessions/{session_id}/resume","segments":["v1","sessions","{session_id}","resume"],"sessionScoped":true,"body":null,"idempotencyKey":true,"query":[]},
  {"operationId":"forceSessionAnswer","method":"POST","path":"/v1/sessions/{session_id}/force-answer","segments":["v1","sessions","{session_id}","force-answer"],"sessionScoped":true,"body":null,"idempotencyKey":true,"query":[]},
  {"operationId":"cancelSession","method":"POST","path":"/v1/sessions/{session_id}/cancel","segments":["v1","sessions","{session_id}","cancel"],"sessionScoped":true,"body":null,"idempotencyKey":true,"query":[]},
  {"operationId":"createSessionToken","method":"POST","path":"/v1/sessions/{session_id}/tokens","segments":["v1","sessions","{session_id}","tokens"],"sessionScoped":true,"body":"CreateSessionTokenRequest","idempotencyKey":true,"query":[]},
] as const;

/** An operation of the spec, by its `operationId`. */
export type OperationId = (typeof OPERATIONS)[number]['operationId'];

/** The spec's path templates (test/operations.test-d.ts checks each is one of the generated `paths`). */
export type OperationPath = (typeof OPERATIONS)[number]['path'];

/** The generated `paths` type, for that check. */
export type SpecPaths = paths;
