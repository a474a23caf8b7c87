/**
 * Routing an API request to its spec operation (`route`), reading the query for a schema
 * (`readQuery`) and parsing a request target (`parseTarget`).
 */
import type { OperationId } from './operations.js';

/** The operation a request is for, and the session it names. */
export interface Route {
  operation: OperationId;
  sessionId?: string;
}

const CONTROL_ACTIONS = {
  pause: 'pauseSession',
  resume: 'resumeSession',
  'force-answer': 'forceSessionAnswer',
  cancel: 'cancelSession',
  messages: 'sendSessionMessage',
  tokens: 'createSessionToken',
} as const satisfies Record<string, OperationId>;

/** Why a path matched no operation: `'method'` (the path exists with other methods), `'path'`
 * (no such path) or `'encoding'` (a bad percent-escape in the session id). */
export type NoRoute = { miss: 'method'; allow: string } | { miss: 'path' } | { miss: 'encoding' };

/**
 * Maps a request to the spec operation it calls: a {@link Route}, or why none matched. Never
 * throws, whatever the path's bytes.
 */
export function route(method: string, path: string): Route | NoRoute {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'v1' || parts[1] !== 'sessions' || parts.length > 4) return { miss: 'path' };
  let sessionId: string | undefined;
  try {
    sessionId = parts[2] === undefined ? undefined : decodeURIComponent(parts[2]);
  } catch {
    return { miss: 'encoding' };
  }
  const action = parts[3];
  const expect = (wanted: string, operation: OperationId): Route | NoRoute =>
    method === wanted
      ? { operation, ...(sessionId === undefined ? {} : { sessionId }) }
      : { miss: 'method', allow: wanted };
  if (sessionId === undefined) {
    if (method === 'POST') return { operation: 'createSession' };
    if (method === 'GET') return { operation: 'listSessions' };
    return { miss: 'method', allow: 'GET, POST' };
  }
  if (action === undefined) return expect('GET', 'getSession');
  if (action === 'changes') return expect('GET', 'getSessionChanges');
  if (action === 'events') return expect('GET', 'listSessionEvents');
  if (action in CONTROL_ACTIONS) {
    return expect('POST', CONTROL_ACTIONS[action as keyof typeof CONTROL_ACTIONS]);
  }
  return { miss: 'path' };
}

/**
 * The query string as an object for the spec's schema. Values arrive as text, so the named
 * integer parameters are converted when they look like integers (else left for the schema to
 * refuse with a message naming them).
 */
export function readQuery(query: URLSearchParams, integers: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of query) {
    out[key] = integers.includes(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}

/** The path and query of a request target, or undefined when it cannot be parsed. */
export interface Target {
  /** The path as received (still percent-encoded). */
  path: string;
  query: URLSearchParams;
}

const BASE = 'http://mock.invalid';

/**
 * Parses a request target: an absolute URL or a path with its query (`/v1/sessions?limit=2`).
 * Never throws: a target no URL parser accepts (`//[`, a bad port) is undefined.
 */
export function parseTarget(target: string): Target | undefined {
  try {
    // A path is resolved against a fixed base, so `//host` stays a path, not a host.
    const url = target.startsWith('/') ? new URL(`${BASE}${target}`) : new URL(target);
    return { path: url.pathname, query: url.searchParams };
  } catch {
    return undefined;
  }
}
