import type { Session } from '@agent-sessions/protocol';
import type { APIPromise } from '../api-promise.js';
import { splitOptions } from '../call-options.js';
import type { MutationOptions } from '../options.js';
import { parseSession } from '../response-parsers.js';
import { type ControlAction, sessionPath } from './api-path.js';
import { type ClientContext, sendCall } from './context.js';

/**
 * `POST /v1/sessions/{id}/{action}`: one of the spec's control operations (`pause`, `resume`,
 * `force-answer`, `cancel`), resolving with the session after it. Standalone form of
 * `client.sessions.pause(id)` and its neighbours.
 * @example await controlSession(client, id, 'pause');
 */
export function controlSession(
  client: ClientContext,
  id: string,
  action: ControlAction,
  options: MutationOptions = {},
): APIPromise<Session> {
  return sendCall(client, () => ({
    method: 'POST',
    path: sessionPath(`/v1/sessions/{session_id}/${action}`, id),
    sessionId: id,
    options: splitOptions(options)[0],
    parse: parseSession,
  }));
}
