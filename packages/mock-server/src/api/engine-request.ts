/**
 * The engine's request and response shapes (`EngineRequest`, `EngineResponse`), and their
 * conversion from and to web `Request`/`Response` with a bounded body read.
 */
import { BodyTooLargeError } from '../errors.js';

/**
 * A request as the engine reads it: the minimum any adapter (Node's `http`, a web `Request`,
 * MSW) can give without copying the body first.
 */
export interface EngineRequest {
  /** The method as received, any token (`GET`, `TRACE`, `FOO`). */
  method: string;
  /** An absolute URL, or the path and query as received; may be malformed. */
  url: string;
  /** The request headers, read by case-insensitive name. */
  headers: { get(name: string): string | null };
  /**
   * The body as text; rejects with {@link BodyTooLargeError} once more than `limitBytes`
   * arrived (the reader stops reading then). The engine calls it at most once, after auth passed.
   */
  text(limitBytes: number): Promise<string>;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
}

/** A response as the engine produces it; the adapter writes it out. */
export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  /**
   * A string, or chunks with pauses (a latency fault that dribbles a body). An iterable that
   * throws means the connection is cut after what was sent so far (the `truncate` fault).
   */
  body: string | AsyncIterable<Uint8Array>;
  /** A `reset` fault: drop the connection without answering. */
  reset?: true;
}

/**
 * Reads a byte stream as UTF-8 text, stopping (and cancelling the stream) as soon as more than
 * `limitBytes` arrived. A missing stream is an empty body.
 */
export async function readLimitedText(
  stream: ReadableStream<Uint8Array> | null,
  limitBytes: number,
): Promise<string> {
  if (!stream) return '';
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limitBytes) {
      reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limitBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * A web request's body as text within `limitBytes`. A declared `Content-Length` past the limit
 * is refused unread; a body stream is read and stopped at the limit; where the platform gives
 * no stream (some browsers, for the Request MSW's worker hands over), the body is read whole
 * and then measured.
 */
async function webRequestText(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limitBytes) throw new BodyTooLargeError(limitBytes);
  if (request.body) return readLimitedText(request.body, limitBytes);
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > limitBytes) throw new BodyTooLargeError(limitBytes);
  return new TextDecoder().decode(bytes);
}

/** A web `Request` as an {@link EngineRequest} (its body is read only if the engine asks). */
export function fromWebRequest(request: Request): EngineRequest {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    signal: request.signal,
    text: (limitBytes) => webRequestText(request, limitBytes),
  };
}

/**
 * An {@link EngineResponse} as a web `Response` to a `method` request (a HEAD answer has no
 * body); an iterable body that throws errors the stream.
 */
export function toWebResponse(response: EngineResponse, method = 'GET'): Response {
  const { status, headers, body } = response;
  const nullBody = status === 204 || status === 304 || method === 'HEAD';
  if (nullBody && typeof body !== 'string') {
    // Nothing will read it: let it stop (and free what it holds, such as a pause timer).
    body[Symbol.asyncIterator]().return?.();
  }
  if (nullBody) return new Response(null, { status, headers });
  if (typeof body === 'string') return new Response(body, { status, headers });
  const iterator = body[Symbol.asyncIterator]();
  // No read-ahead (highWaterMark 0): a body that fails half-way delivers what came first.
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { status, headers });
}
