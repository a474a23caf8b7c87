// Runs in Node, inside the dev server that serves the test page: a same-origin proxy like the
// one a web app puts in front of the API, so the page needs no key at all.
import type { Plugin } from 'vitest/config';

/** The path the page calls: `/mock-proxy/<port>/v1/...` goes to `http://127.0.0.1:<port>/v1/...`. */
export const PROXY_PATH = '/mock-proxy';

/**
 * Forwards `PROXY_PATH/<port>/...` to the mock server on that local port, adding the API key on
 * the server side and passing through only the headers the API needs.
 */
export function sameOriginProxy(apiKey: string): Plugin {
  return {
    name: 'sdk-web-test-same-origin-proxy',
    configureServer(server) {
      server.middlewares.use(PROXY_PATH, async (req, res) => {
        const match = /^\/(\d+)(\/.*)$/.exec(req.url ?? '');
        if (!match) {
          res.writeHead(404).end();
          return;
        }
        const chunks: Uint8Array[] = [];
        for await (const chunk of req) chunks.push(chunk);
        const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
        for (const name of ['content-type', 'idempotency-key', 'accept']) {
          const value = req.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const upstream = await fetch(`http://127.0.0.1:${match[1]}${match[2]}`, {
          method: req.method,
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        });
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
          'x-request-id': upstream.headers.get('x-request-id') ?? '',
          // What the page sent, so a test can check that no credentials left the browser.
          'x-proxy-saw-authorization': req.headers.authorization ? 'yes' : 'no',
        });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      });
    },
  };
}
