import { problem } from './problem.js';

/**
 * Refuses a request another site's page made for a signed-in user (a forged request that rides
 * on the user's cookies): its `Sec-Fetch-Site` says cross-site, or its `Origin` is not the
 * handler's own origin nor an allowed one. Requests from servers and tools send neither header.
 */
export function refuseCrossSite(request: Request, allowedOrigins: string[]): Response | undefined {
  const origin = request.headers.get('origin');
  if (origin !== null && allowedOrigins.includes(origin)) return undefined;
  const site = request.headers.get('sec-fetch-site');
  const refused = () =>
    problem(403, 'forbidden', 'Requests from another site are not accepted here.');
  // The browser's own word, which no page can set (a `Sec-` header). It decides before the
  // Origin does: frameworks rebuild request.url from their own host name (Next.js gives
  // `http://localhost:PORT/...`), so request.url cannot be the only judge of "our origin".
  if (site === 'same-origin') return undefined;
  if (site !== null && site !== 'none') return refused();
  if (origin !== null && !isOwnOrigin(origin, request)) return refused();
  return undefined;
}

/** Whether `origin` is request.url's origin, or the host the browser addressed (`Host`). */
function isOwnOrigin(origin: string, request: Request): boolean {
  if (origin === new URL(request.url).origin) return true;
  const host = request.headers.get('host');
  if (host === null) return false;
  try {
    const parsed = new URL(origin);
    return parsed.origin === origin && parsed.host === new URL(`http://${host}`).host;
  } catch {
    return false; // `null`, or not a URL: not ours
  }
}
