import { validate, zSessionId } from '@agent-sessions/protocol';
import { checked } from './refuse.js';

/** The session id, checked against the API's pattern; the path segment to use. */
export function sessionPath(id: unknown, rest = ''): string {
  const valid = checked(validate(zSessionId, id, 'session_id'), 'session id');
  return `/v1/sessions/${valid}${rest}`;
}
