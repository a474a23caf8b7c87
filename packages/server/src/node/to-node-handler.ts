import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { SessionsHandler } from '../handler.js';
import { problem, routeNotFound } from '../problem.js';

/** The options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * Read the request's origin from `X-Forwarded-Proto` and `X-Forwarded-Host` (set this only
   * behind a proxy you run, which overwrites them). The origin is what a page's `Origin` is
   * compared with.
   * @default false
   */
  trustProxy?: boolean;
}

/** A Node `http` request listener, also usable as Express/Connect middleware. */
export type NodeRequestListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

// A `.` or `..` segment, plain or percent-encoded, or a backslash (which URL parsing turns
// into a `/`): URL parsing would resolve them away before the handler could refuse them.
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

/**
 * Adapts a web-standard handler to Node's `http` (and Express, Connect, Fastify's
 * `raw` routes): the request becomes a web `Request` whose signal aborts when the client goes
 * away, and the `Response` is written back. Mount it before any body parser (it reads the body
 * itself); under Express, the full `originalUrl` is what the handler matches.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeHandler(handler)).listen(3000, '127.0.0.1');
 * app.use('/api/agent-sessions', toNodeHandler(handler)); // Express
 * ```
 */
export function toNodeHandler(
  handler: SessionsHandler,
  options: NodeHandlerOptions = {},
): NodeRequestListener {
  return (request, response) => {
    void serve(handler, request, response, options);
  };
}

async function serve(
  handler: SessionsHandler,
  request: IncomingMessage,
  response: ServerResponse,
  options: NodeHandlerOptions,
): Promise<void> {
  const controller = new AbortController();
  const onClose = () => {
    if (!response.writableFinished) controller.abort();
  };
  response.once('close', onClose);
  try {
    await write(response, await answer(handler, request, controller.signal, options));
  } catch {
    if (!response.headersSent) {
      await write(
        response,
        problem(500, 'internal_error', 'The server failed to handle this request.'),
      ).catch(() => response.destroy());
    } else response.destroy();
  } finally {
    response.off('close', onClose);
  }
}

async function answer(
  handler: SessionsHandler,
  request: IncomingMessage,
  signal: AbortSignal,
  options: NodeHandlerOptions,
): Promise<Response> {
  const target =
    (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '/';
  const path = target.split('?')[0]!;
  if (!target.startsWith('/') || path.includes('\\') || DOT_SEGMENT.test(path)) {
    return routeNotFound();
  }
  const forwarded = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value.split(',')[0]!.trim() : undefined;
  };
  const proto = (options.trustProxy && forwarded('x-forwarded-proto')) || 'http';
  const host = (options.trustProxy && forwarded('x-forwarded-host')) || request.headers.host;
  let url: URL;
  try {
    url = new URL(`${proto}://${host ?? 'localhost'}${target}`);
  } catch {
    return problem(400, 'invalid_request', 'The request URL or Host header is not valid.');
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    try {
      headers.append(request.rawHeaders[i]!, request.rawHeaders[i + 1]!);
    } catch {
      // A header value the web `Headers` refuses is dropped; none the handler reads can be one.
    }
  }
  const method = request.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (hasBody) {
    init.body = Readable.toWeb(request) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  let webRequest: Request;
  try {
    webRequest = new Request(url, init);
  } catch {
    return routeNotFound();
  }
  return handler(webRequest);
}

async function write(response: ServerResponse, web: Response): Promise<void> {
  const body = Buffer.from(await web.arrayBuffer());
  if (response.destroyed) return;
  response.statusCode = web.status;
  web.headers.forEach((value, name) => {
    response.setHeader(name, value);
  });
  response.setHeader('Content-Length', body.byteLength);
  response.end(body);
}
