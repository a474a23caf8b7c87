import { invalidRequest, problem } from './problem.js';

/** A request body read as a JSON object, or the problem answer that refuses it. */
export type JsonBody =
  | { value: Record<string, unknown>; refused?: undefined }
  | { refused: Response };

/**
 * Reads a request body as a JSON object, at most `limit` bytes. A `Content-Length` over the
 * limit is refused before reading; a body that streams past it is cancelled at the limit.
 * The media type must be JSON: a form or `text/plain` post (what a cross-site page can send
 * without a preflight) is refused.
 */
export async function readJsonBody(request: Request, limit: number): Promise<JsonBody> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return {
      refused: problem(415, 'unsupported_media_type', 'The body must be application/json.'),
    };
  }
  const tooLarge = () => ({
    refused: problem(413, 'payload_too_large', `The body is larger than ${limit} bytes.`),
  });
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limit) {
          await reader.cancel().catch(() => undefined);
          return tooLarge();
        }
        chunks.push(value);
      }
    } catch {
      return { refused: problem(400, 'invalid_request', 'The body could not be read.') };
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { refused: invalidRequest([{ path: 'body', message: 'expected a JSON document' }]) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { refused: invalidRequest([{ path: 'body', message: 'expected a JSON object' }]) };
  }
  return { value: value as Record<string, unknown> };
}
