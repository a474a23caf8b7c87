import { type paths, validate, zSessionId } from '@agent-sessions/protocol';
import { validOrRefuse } from '../refuse.js';

/** The spec's paths that have an operation for `method` (as openapi-fetch types its paths). */
export type PathWith<M extends 'get' | 'post'> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];

/**
 * The control operations: the spec's POSTs on one session that take no body and answer with
 * the Session (`pause`, `resume`, `force-answer`, `cancel`), by their last path segment.
 */
export type ControlAction = {
  [P in PathWith<'post'>]: P extends `/v1/sessions/{session_id}/${infer A}`
    ? paths[P]['post'] extends { requestBody?: never }
      ? A
      : never
    : never;
}[PathWith<'post'>];

/**
 * The request path of the spec's `template` for session `id`, the id checked against the
 * API's pattern first (a `BadRequestError` naming `session_id` otherwise).
 */
export function sessionPath<P extends keyof paths & `/v1/sessions/{session_id}${string}`>(
  template: P,
  id: unknown,
): string {
  const valid = validOrRefuse(validate(zSessionId, id, 'session_id'), 'session id');
  return template.replace('{session_id}', valid);
}
