/**
 * The upstream response headers a page may see. Everything else is dropped: the upstream's
 * cookies, auth challenges, hop-by-hop headers, and `Content-Encoding`/`Content-Length`, which
 * described the compressed bytes the handler's `fetch` already decoded.
 */
export const PAGE_RESPONSE_HEADERS = [
  'content-type',
  'x-request-id',
  'retry-after',
  'retry-after-ms',
  'x-should-retry',
  'idempotent-replayed',
] as const;

/**
 * The page's request headers the upstream may see, checked one by one. The page's
 * `Authorization`, `Cookie` and everything else stay with the handler: the upstream gets the
 * account key and nothing the page chose beyond these.
 */
export const FORWARDED_REQUEST_HEADERS = [
  'x-retry-count',
  'x-request-id',
  'accept-language',
] as const;

const SAFE_VALUE: Record<(typeof FORWARDED_REQUEST_HEADERS)[number], RegExp> = {
  'x-retry-count': /^[0-9]{1,3}$/,
  'x-request-id': /^[A-Za-z0-9._:-]{1,128}$/,
  'accept-language': /^[A-Za-z0-9,;=.* -]{1,128}$/,
};

/** The headers of an upstream request: the key, JSON, and the page's few allowed headers. */
export function upstreamRequestHeaders(
  page: Headers,
  apiKey: string,
  extra: { idempotencyKey?: string | undefined; json: boolean },
): Headers {
  const headers = new Headers({ Authorization: `Bearer ${apiKey}`, Accept: 'application/json' });
  if (extra.json) headers.set('Content-Type', 'application/json');
  if (extra.idempotencyKey) headers.set('Idempotency-Key', extra.idempotencyKey);
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = page.get(name);
    if (value !== null && SAFE_VALUE[name].test(value)) headers.set(name, value);
  }
  return headers;
}

/** The headers of the page's response: the allowlisted upstream ones, and no caching. */
export function pageResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of PAGE_RESPONSE_HEADERS) {
    const value = upstream.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}
