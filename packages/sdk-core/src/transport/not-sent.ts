import { refuse } from '../refuse.js';
import type { Where } from './call.js';

/** The prefix of every refusal of a request the SDK did not send. */
export const NOT_SENT = 'Invalid request, not sent: ';

/** Refuses an attempt for the caller's mistake at `path`: a typed error, never retried. */
export function notSent(where: Where, path: string, message: string): never {
  return refuse(`${NOT_SENT}${where.method} ${where.path} - `, [{ path, message }]);
}
