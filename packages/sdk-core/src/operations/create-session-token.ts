import {
  requestSchemas,
  type SessionToken,
  type ValidationResult,
  validate,
  validateResponse,
  zSessionToken,
} from '@agent-sessions/protocol';
import type { APIPromise } from '../api-promise.js';
import { splitOptions } from '../call-options.js';
import { validOrRefuse } from '../refuse.js';
import type { CreateTokenParams } from '../session-types.js';
import { sessionPath } from './api-path.js';
import { type ClientContext, sendCall } from './context.js';

/**
 * `POST /v1/sessions/{id}/tokens`: a session token, minted with the account key. Standalone
 * form of `client.sessions.createToken(id, params)`.
 * @example const { token } = await createSessionToken(client, id, { scopes: ['read'] });
 */
export function createSessionToken(
  client: ClientContext,
  id: string,
  params: CreateTokenParams,
): APIPromise<SessionToken> {
  return sendCall(client, () => {
    const [options, body] = splitOptions(params);
    return {
      method: 'POST',
      path: sessionPath('/v1/sessions/{session_id}/tokens', id),
      sessionId: id,
      body: validOrRefuse(
        validate(requestSchemas.createSessionToken, body, 'body'),
        `POST /v1/sessions/${id}/tokens`,
      ),
      options,
      parse: (json) =>
        validateResponse(zSessionToken, json, 'response') as ValidationResult<SessionToken>,
    };
  });
}
