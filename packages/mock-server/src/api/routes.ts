/**
 * Routing an API request to its spec operation (`route`), reading the query for a schema
 * (`readQuery`) and parsing a request target (`parseTarget`).
 */
import { OPERATIONS } from '@agent-sessions/protocol';
import type { OperationId } from './operations.js';

/** The operation a request is for, and the session it names. */
export interface Route {
  operation: OperationId;
  sessionId?: string;
}

/** Why a path matched no operation: `'method'` (the path exists with other methods), `'path'`
 * (no such path) or `'encoding'` (a bad percent-escape in the session id). */
export type NoRoute = { miss: 'method'; allow: string } | { miss: 'path' } | { miss: 'encoding' };

/** The spec's operations as path templates split into segments (`{session_id}` a parameter). */
const TEMPLATES = (
  Object.entries(OPERATIONS) as [OperationId, (typeof OPERATIONS)[OperationId]][]
).map(([operation, { method, path }]) => ({
  operation,
  method: method as string,
  segments: path.split('/').filter(Boolean),
}));
const isParam = (segment: string) => segment.startsWith('{');

/**
 * Maps a request to the spec operation it calls: a {@link Route}, or why none matched. Never
 * throws, whatever the path's bytes.
 */
export function route(method: string, path: string): Route | NoRoute {
  const parts = path.split('/').filter(Boolean);
  const sameLength = TEMPLATES.filter((template) => template.segments.length === parts.length);
  // Every segment a parameter may stand in is decoded first: a bad escape there is a 400 even
  // when no operation has that path.
  const decoded = [...parts];
  for (let i = 0; i < parts.length; i++) {
    if (!sameLength.some((template) => isParam(template.segments[i]!))) continue;
    try {
      decoded[i] = decodeURIComponent(parts[i]!);
    } catch {
      return { miss: 'encoding' };
    }
  }
  const fitting = sameLength.filter((template) =>
    template.segments.every((segment, i) => isParam(segment) || segment === parts[i]),
  );
  const found = fitting.find((template) => template.method === method);
  if (!found) {
    if (fitting.length === 0) return { miss: 'path' };
    const allow = [...new Set(fitting.map((template) => template.method))].sort().join(', ');
    return { miss: 'method', allow };
  }
  const at = found.segments.indexOf('{session_id}');
  return at === -1
    ? { operation: found.operation }
    : { operation: found.operation, sessionId: decoded[at]! };
}

// The query parameters the spec types as integers, by operation.
const INTEGER_QUERY: Partial<Record<OperationId, readonly string[]>> = Object.fromEntries(
  TEMPLATES.map(({ operation }) => [
    operation,
    (OPERATIONS[operation].query as readonly { name: string; type: string }[])
      .filter((parameter) => parameter.type === 'integer')
      .map((parameter) => parameter.name),
  ]),
);

/**
 * The query string as an object for the spec's schema. Values arrive as text, so the
 * parameters the spec types as integers are converted when they look like integers (else left
 * for the schema to refuse with a message naming them).
 */
export function readQuery(query: URLSearchParams, operation: OperationId): Record<string, unknown> {
  const integers = INTEGER_QUERY[operation] ?? [];
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
