// generated - do not edit. Source: openapi.yaml, by scripts/generate.mjs. Run `pnpm generate`.
/* eslint-disable */

/** Every operation of the spec by `operationId`: method, path template, integer query parameters. */
export const OPERATIONS = {
  listSessions: { method: 'GET', path: '/v1/sessions', integerQuery: ["limit"] },
  createSession: { method: 'POST', path: '/v1/sessions', integerQuery: [] },
  getSession: { method: 'GET', path: '/v1/sessions/{session_id}', integerQuery: [] },
  getSessionChanges: { method: 'GET', path: '/v1/sessions/{session_id}/changes', integerQuery: ["from","wait_s"] },
  listSessionEvents: { method: 'GET', path: '/v1/sessions/{session_id}/events', integerQuery: ["from","limit"] },
  sendSessionMessage: { method: 'POST', path: '/v1/sessions/{session_id}/messages', integerQuery: [] },
  pauseSession: { method: 'POST', path: '/v1/sessions/{session_id}/pause', integerQuery: [] },
  resumeSession: { method: 'POST', path: '/v1/sessions/{session_id}/resume', integerQuery: [] },
  forceSessionAnswer: { method: 'POST', path: '/v1/sessions/{session_id}/force-answer', integerQuery: [] },
  cancelSession: { method: 'POST', path: '/v1/sessions/{session_id}/cancel', integerQuery: [] },
  createSessionToken: { method: 'POST', path: '/v1/sessions/{session_id}/tokens', integerQuery: [] },
} as const;
