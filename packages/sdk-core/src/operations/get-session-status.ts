import type { Session } from '@agent-sessions/protocol';
import type { APIPromise } from '../api-promise.js';
import type { RequestOptions } from '../options.js';
import { parseSession } from '../response-parsers.js';
import { sessionPath } from './api-path.js';
import { type ClientContext, sendCall } from './context.js';

/**
 * `GET /v1/sessions/{id}`: the session's snapshot (state, step count, usage, turn, answer).
 * The standalone form of `client.sessions.status(id)`: a page that only shows a status bundles
 * this call alone.
 * @example const { state } = await getSessionStatus(client, 'ses_01JD8Z3Q4R');
 */
export function getSessionStatus(
  client: ClientContext,
  id: string,
  options: RequestOptions = {},
): APIPromise<Session> {
  return sendCall(client, () => ({
    method: 'GET',
    path: sessionPath('/v1/sessions/{session_id}', id),
    sessionId: id,
    options,
    parse: parseSession,
  }));
}
