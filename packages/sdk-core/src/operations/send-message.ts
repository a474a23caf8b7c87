import {
  requestSchemas,
  type SentMessage,
  type ValidationResult,
  validate,
  validateResponse,
  zSentMessage,
} from '@agent-sessions/protocol';
import type { APIPromise } from '../api-promise.js';
import { splitOptions } from '../call-options.js';
import type { MutationOptions } from '../options.js';
import { validOrRefuse } from '../refuse.js';
import { sessionPath } from './api-path.js';
import { type ClientContext, sendCall } from './context.js';

/**
 * `POST /v1/sessions/{id}/messages`: sends a message, once even when retried. Standalone form
 * of `client.sessions.send(id, text)`.
 * @example const { message_id } = await sendMessage(client, id, 'Only by train');
 */
export function sendMessage(
  client: ClientContext,
  id: string,
  text: string,
  options: MutationOptions = {},
): APIPromise<SentMessage> {
  return sendCall(client, () => ({
    method: 'POST',
    path: sessionPath('/v1/sessions/{session_id}/messages', id),
    sessionId: id,
    body: validOrRefuse(
      validate(requestSchemas.sendMessage, { content: text }, 'body'),
      `POST /v1/sessions/${id}/messages`,
    ),
    options: splitOptions(options)[0],
    parse: (json) =>
      validateResponse(zSentMessage, json, 'response') as ValidationResult<SentMessage>,
  }));
}
