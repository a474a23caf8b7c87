import { validate, zGetSessionChangesQuery } from '@agent-sessions/protocol';
import type { APIPromise } from '../api-promise.js';
import { validOrRefuse } from '../refuse.js';
import { parseChanges, type SessionChanges } from '../response-parsers.js';
import type { ChangesOptions } from '../session-types.js';
import { sessionPath } from './api-path.js';
import { type ClientContext, sendCall } from './context.js';

/**
 * `GET /v1/sessions/{id}/changes`: one long-poll, as the API returns it. The call's timeout
 * is `timeoutMs` + `wait_s`. Standalone form of `client.sessions.changes(id)`.
 * @example const { events, next } = await getSessionChanges(client, id, { from: 0, wait_s: 30 });
 */
export function getSessionChanges(
  client: ClientContext,
  id: string,
  options: ChangesOptions = {},
): APIPromise<SessionChanges> {
  const { from, wait_s, ...request } = options;
  return sendCall(client, () => ({
    method: 'GET',
    path: sessionPath('/v1/sessions/{session_id}/changes', id),
    sessionId: id,
    query: validOrRefuse(
      validate(zGetSessionChangesQuery, { from, wait_s }, 'query'),
      `GET /v1/sessions/${id}/changes`,
    ),
    extraTimeoutMs: (wait_s ?? 0) * 1000,
    options: request,
    parse: parseChanges,
  }));
}
