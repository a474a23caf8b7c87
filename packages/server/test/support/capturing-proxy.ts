import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** A request as it arrived on the wire at the upstream. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** An HTTP server in front of the mock that records every request and may change answers. */
export interface CapturingProxy {
  url: string;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

/**
 * Forwards to `target` (the real mock) and records what arrived, headers and all. `gzip`
 * compresses every answer (`Content-Encoding: gzip`, the compressed `Content-Length`), as a
 * real API behind a CDN does; `extraHeaders` adds headers a page must never see.
 */
export async function capturingProxy(
  target: string,
  options: { gzip?: boolean; extraHeaders?: Record<string, string> } = {},
): Promise<CapturingProxy> {
  const requests: CapturedRequest[] = [];
  const server = createServer(async (request, response) => {
    requests.push({ method: request.method!, url: request.url!, headers: { ...request.headers } });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (name === 'host' || name === 'connection' || value === undefined) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const controller = new AbortController();
    response.once('close', () => controller.abort());
    try {
      const upstream = await fetch(`${target}${request.url}`, {
        method: request.method!,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : null,
        signal: controller.signal,
      });
      let body = Buffer.from(await upstream.arrayBuffer());
      const out: Record<string, string> = { ...options.extraHeaders };
      upstream.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'content-encoding') out[name] = value;
      });
      if (options.gzip) {
        body = gzipSync(body);
        out['content-encoding'] = 'gzip';
      }
      out['content-length'] = String(body.byteLength);
      response.writeHead(upstream.status, out).end(body);
    } catch {
      response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
