/** Problem answers the Node adapter makes itself, before or instead of the engine. */
import type { EngineResponse } from '../api/engine-request.js';
import { type ProblemCode, ProblemError } from '../api/problem.js';

let count = 0;

/**
 * A problem+json answer made by the Node adapter itself, for what never reaches the engine (a
 * request Node's parser refused) or what the engine failed to answer. Its request id is the
 * adapter's own (`req_node_…`), so it cannot collide with the engine's.
 *
 * @example adapterProblem(400, 'invalid_request', 'The request line is malformed.')
 */
export function adapterProblem(status: number, code: ProblemCode, detail: string): EngineResponse {
  count += 1;
  const requestId = `req_node_${count.toString(36).padStart(6, '0')}`;
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': requestId },
    body: JSON.stringify(new ProblemError(status, code, detail).body(requestId)),
  };
}

/** The same answer as raw HTTP/1.1 bytes, for a socket that has no ServerResponse. */
export function rawProblem(
  status: number,
  reason: string,
  code: ProblemCode,
  detail: string,
): string {
  const { headers, body } = adapterProblem(status, code, detail);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [
    `HTTP/1.1 ${status} ${reason}`,
    ...lines,
    `Content-Length: ${Buffer.byteLength(body as string)}`,
    'Connection: close',
    '',
    body as string,
  ].join('\r\n');
}
