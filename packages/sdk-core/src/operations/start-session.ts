import { requestSchemas, type Session, validate } from '@agent-sessions/protocol';
import type { APIPromise } from '../api-promise.js';
import { splitOptions } from '../call-options.js';
import { validOrRefuse } from '../refuse.js';
import { parseSession } from '../response-parsers.js';
import type { StartParams } from '../session-types.js';
import { type ClientContext, sendCall } from './context.js';

/**
 * `POST /v1/sessions`: starts a session and resolves with the Session the API created. Bad
 * parameters are refused before sending. Standalone form of `client.sessions.start()` (which
 * resolves with a handle instead).
 * @example const session = await startSession(client, { input: 'Plan a trip' });
 */
export function startSession(client: ClientContext, params: StartParams): APIPromise<Session> {
  return sendCall(client, () => {
    const [options, body] = splitOptions(params);
    return {
      method: 'POST',
      path: '/v1/sessions',
      body: validOrRefuse(
        validate(requestSchemas.createSession, body, 'body'),
        'POST /v1/sessions',
      ),
      options,
      parse: parseSession,
    };
  });
}
