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
  if (site !== null && site !== 'same-origin' && site !== 'none') return refused();
  if (origin !== null && origin !== new URL(request.url).origin) return refused();
  return undefined;
}
