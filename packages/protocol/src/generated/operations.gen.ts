// generated - do not edit. Source: openapi.yaml, by scripts/generate.mjs. Run `pnpm generate`.
/* eslint-disable */

/**
 * Every operation of the spec by `operationId`, in document order: method, path template and
 * its segments, whether it names a session, its JSON body schema, whether it takes an
 * Idempotency-Key, and its query parameters with their bounds.
 */
export const OPERATIONS = {
  listSessions: {"operationId":"listSessions","method":"GET","path":"/v1/sessions","segments":["v1","sessions"],"sessionScoped":false,"body":null,"idempotencyKey":false,"query":[{"name":"cursor","type":"string","minLength":1,"maxLength":200},{"name":"limit","type":"integer","minimum":1,"maximum":100}]},
  createSession: {"operationId":"createSession","method":"POST","path":"/v1/sessions","segments":["v1","sessions"],"sessionScoped":false,"body":"CreateSessionRequest","idempotencyKey":true,"query":[]},
  getSession: {"operationId":"getSession","method":"GET","path":"/v1/sessions/{session_id}","segments":["v1","sessions","{session_id}"],"sessionScoped":true,"body":null,"idempotencyKey":false,"query":[]},
  getSessionChanges: {"operationId":"getSessionChanges","method":"GET","path":"/v1/sessions/{session_id}/changes","segments":["v1","sessions","{session_id}","changes"],"sessionScoped":true,"body":null,"idempotencyKey":false,"query":[{"name":"from","type":"integer","minimum":0},{"name":"wait_s","type":"integer","minimum":0,"maximum":60}]},
  listSessionEvents: {"operationId":"listSessionEvents","method":"GET","path":"/v1/sessions/{session_id}/events","segments":["v1","sessions","{session_id}","events"],"sessionScoped":true,"body":null,"idempotencyKey":false,"query":[{"name":"from","type":"integer","minimum":0},{"name":"limit","type":"integer","minimum":1,"maximum":500}]},
  sendSessionMessage: {"operationId":"sendSessionMessage","method":"POST","path":"/v1/sessions/{session_id}/messages","segments":["v1","sessions","{session_id}","messages"],"sessionScoped":true,"body":"SendMessageRequest","idempotencyKey":true,"query":[]},
  pauseSession: {"operationId":"pauseSession","method":"POST","path":"/v1/sessions/{session_id}/pause","segments":["v1","sessions","{session_id}","pause"],"sessionScoped":true,"body":null,"idempotencyKey":true,"query":[]},
  resumeSession: {"operationId":"resumeSession","method":"POST","path":"/v1/sessions/{session_id}/resume","segments":["v1","sessions","{session_id}","resume"],"sessionScoped":true,"body":null,"idempotencyKey":true,"query":[]},
  forceSessionAnswer: {"operationId":"forceSessionAnswer","method":"POST","path":"/v1/sessions/{session_id}/force-answer","segments":["v1","sessions","{session_id}","force-answer"],"sessionScoped":true,"body":null,"idempotencyKey":true,"query":[]},
  cancelSession: {"operationId":"cancelSession","method":"POST","path":"/v1/sessions/{session_id}/cancel","segments":["v1","sessions","{session_id}","cancel"],"sessionScoped":true,"body":null,"idempotencyKey":true,"query":[]},
  createSessionToken: {"operationId":"createSessionToken","method":"POST","path":"/v1/sessions/{session_id}/tokens","segments":["v1","sessions","{session_id}","tokens"],"sessionScoped":true,"body":"CreateSessionTokenRequest","idempotencyKey":true,"query":[]},
} as const;
