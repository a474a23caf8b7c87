import { upstreamRequestHeaders } from './headers.js';
import type { ResolvedOptions } from './options.js';
import type { OwnerCache } from './owner-cache.js';
import type { Route } from './route.js';
import { callUpstream, type UpstreamAnswer } from './upstream.js';

/** One request the handler is answering, once routed and authenticated. */
export interface RequestContext {
  options: ResolvedOptions & { apiKey: string };
  cache: OwnerCache;
  request: Request;
  user: string;
  route: Route;
  /** The checked query parameters. */
  query: Map<string, string>;
}

/** Calls the upstream for this request, with the key and the page's allowed headers. */
export function upstream(
  context: RequestContext,
  call: {
    method: string;
    target: string;
    body?: string;
    idempotencyKey?: string | undefined;
    waitS?: number;
  },
): Promise<UpstreamAnswer | { failed: Response }> {
  const { options, request } = context;
  const upstreamCall = {
    method: call.method,
    target: call.target,
    headers: upstreamRequestHeaders(request.headers, options.apiKey, {
      idempotencyKey: call.idempotencyKey,
      json: call.body !== undefined,
    }),
    signal: request.signal,
    timeoutMs: options.timeoutMs + (call.waitS ?? 0) * 1000,
    ...(call.body !== undefined ? { body: call.body } : {}),
  };
  return callUpstream(options.fetch, options.baseUrl, upstreamCall);
}

/** The owner a session's JSON names in its metadata, if it is a session with one. */
export function ownerOf(session: unknown, ownerKey: string): string | undefined {
  if (typeof session !== 'object' || session === null) return undefined;
  const metadata = (session as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const owner = (metadata as Record<string, unknown>)[ownerKey];
  return typeof owner === 'string' ? owner : undefined;
}

/** Parses JSON text, or undefined. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
