/**
 * CORS for the API (any origin may read) and access to the admin routes (same-origin,
 * `admin.allowOrigins` with the admin token, loopback hosts).
 */
import { headerSecret } from '../engine/option-checks.js';
import { MockInputError } from '../errors.js';
import type { EngineRequest } from './engine-request.js';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const EXPOSED_HEADERS =
  'X-Request-Id, Retry-After, Retry-After-Ms, X-Should-Retry, Idempotent-Replayed, X-Mock-Fault';
/** The header that carries the admin token (`admin.token`) on `/_mock/*` requests. */
export const ADMIN_TOKEN_HEADER = 'X-Mock-Admin-Token';

/**
 * Who may call the `/_mock/*` admin routes. By default only same-origin and non-browser
 * callers (no `Origin`, `Sec-Fetch-Site` absent, `same-origin` or `none`): any web page a
 * developer opens could otherwise read and reset the mock.
 *
 * @example { allowOrigins: ['http://localhost:5173'], token: 'dev-only-secret' }
 */
export interface AdminAccessOptions {
  /**
   * Browser origins allowed to call the admin routes cross-origin (`'*'`: any). Requires
   * `token`. Default none.
   */
  allowOrigins?: string[];
  /**
   * When set, every admin request must carry it in `X-Mock-Admin-Token` (`MockAdminClient`'s
   * `adminToken` option sends it). Default none.
   */
  token?: string;
  /**
   * Host names (no port) besides the loopback ones that may call the admin routes, or `['*']`
   * for any. Without a `token`, a request whose `Host` is none of these and not loopback
   * (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`) is refused: a page that re-points its
   * own name at 127.0.0.1 (DNS rebinding) is same-origin to the browser but not to the mock.
   * Default none. Example: `['mock']` (a container's name).
   */
  allowHosts?: string[];
}

/** Checks the admin access options; throws a TypeError naming the bad field. */
export function checkAdminAccess(access: AdminAccessOptions | undefined): AdminAccessOptions {
  if (access === undefined) return {};
  if (typeof access !== 'object' || access === null || Array.isArray(access)) {
    throw new MockInputError('admin: expected an object ({ allowOrigins?, token?, allowHosts? })');
  }
  const { allowOrigins, token, allowHosts } = access;
  if (
    allowHosts !== undefined &&
    (!Array.isArray(allowHosts) ||
      allowHosts.some(
        (host) => typeof host !== 'string' || !/^(\*|[a-z0-9.-]{1,253})$/i.test(host),
      ))
  ) {
    throw new MockInputError(
      'admin.allowHosts: expected an array of host names without ports, or ["*"]',
    );
  }
  if (token !== undefined) headerSecret(token, 'admin.token');
  if (allowOrigins !== undefined) {
    if (!Array.isArray(allowOrigins) || allowOrigins.some((o) => typeof o !== 'string')) {
      throw new MockInputError('admin.allowOrigins: expected an array of origins');
    }
    if (allowOrigins.length > 0 && token === undefined) {
      throw new MockInputError(
        'admin.allowOrigins: cross-origin admin access needs admin.token too',
      );
    }
  }
  return {
    ...(allowOrigins ? { allowOrigins: [...allowOrigins] } : {}),
    ...(token ? { token } : {}),
    ...(allowHosts ? { allowHosts: allowHosts.map((host) => host.toLowerCase()) } : {}),
  };
}

// Constant-time enough for a test tool: no early exit on the first differing character.
function sameToken(given: string | null, expected: string): boolean {
  if (given === null || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** The host name of a `Host` header value, lower-cased, without port or final dot. */
function hostName(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host.trim());
  return match?.[1]?.toLowerCase().replace(/\.$/, '');
}

/** `localhost`, `*.localhost` (RFC 6761: never sent to DNS), `127.0.0.0/8` or `[::1]`. */
function loopback(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

/**
 * Why the request's `Host` may not reach the admin routes, or undefined. A request without
 * `Host` (in-process, MSW) never crossed a network.
 */
function hostRefusal(request: EngineRequest, access: AdminAccessOptions): string | undefined {
  if (access.token !== undefined) return undefined;
  const host = request.headers.get('host');
  if (host === null) return undefined;
  const name = hostName(host);
  if (name !== undefined && loopback(name)) return undefined;
  const allowed = access.allowHosts;
  if (allowed?.includes('*') || (name !== undefined && allowed?.includes(name))) return undefined;
  return 'The /_mock admin routes answer only a loopback Host (localhost, 127.0.0.1, [::1]); see the admin.allowHosts and admin.token options.';
}

/** True when a browser on another site sent the request. */
function crossSite(request: EngineRequest): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site !== 'same-origin' && site !== 'none';
  return request.headers.get('origin') !== null;
}

/**
 * Why an admin request is refused (answered 403), or undefined when it may proceed.
 * Cross-site browser callers need an allowed origin and the token; anyone needs the token
 * when one is set, except on a CORS `preflight` (which only checks the origin).
 */
export function adminRefusal(
  request: EngineRequest,
  access: AdminAccessOptions,
  preflight = false,
): string | undefined {
  const badHost = hostRefusal(request, access);
  if (badHost !== undefined) return badHost;
  if (crossSite(request)) {
    const origin = request.headers.get('origin');
    const allowed =
      origin !== null &&
      (access.allowOrigins?.includes('*') || access.allowOrigins?.includes(origin));
    if (!allowed) {
      return 'The /_mock admin routes refuse cross-origin browser callers (see the admin.allowOrigins option).';
    }
  }
  // A browser's preflight never carries custom headers: the token comes with the request itself.
  if (
    !preflight &&
    access.token !== undefined &&
    !sameToken(request.headers.get(ADMIN_TOKEN_HEADER), access.token)
  ) {
    return `The /_mock admin routes need the admin token in ${ADMIN_TOKEN_HEADER}.`;
  }
  return undefined;
}

/** The CORS headers of a response: the request's origin echoed, the useful headers exposed. */
export function corsHeaders(request: EngineRequest): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': request.headers.get('origin') ?? '*',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  };
}

/** The headers of the answer to a CORS preflight (`OPTIONS`). */
export function preflightHeaders(request: EngineRequest, admin: boolean): Record<string, string> {
  const asked = request.headers.get('access-control-request-headers');
  return {
    'Access-Control-Allow-Origin': request.headers.get('origin') ?? '*',
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      asked ?? (admin ? `${ALLOWED_HEADERS}, ${ADMIN_TOKEN_HEADER}` : ALLOWED_HEADERS),
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}
