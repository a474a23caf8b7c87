import { baseUrlIssues, isPathBaseUrl } from '../base-url.js';
import { checkRequestOptions } from '../call-options.js';
import { fetchOptionIssues } from '../fetch-options.js';
import { mergeHooks } from '../hooks.js';
import { idempotencyKeyFor } from '../idempotency-key.js';
import type { ResolvedOptions } from '../options.js';
import { refuse } from '../refuse.js';
import type { Call, Prepared } from './call.js';
import { NOT_SENT } from './not-sent.js';

/** The absolute base URL and its host; `href` is the page a path-style one was resolved on. */
export interface ResolvedBase {
  href: string | undefined;
  baseUrl: string;
  host: string;
}

/** The base of an absolute `baseUrl`, worked out once; `undefined` for a path-style one. */
export function fixedBase(baseUrl: string): ResolvedBase | undefined {
  if (isPathBaseUrl(baseUrl)) return undefined;
  return { href: undefined, baseUrl, host: new URL(baseUrl).host };
}

/**
 * The absolute base URL: a path-style one is resolved against the page when a request is
 * made, so a client made where there is no page (a server render) can exist; a call made
 * there is refused, naming the option. `last` is what the previous call resolved.
 */
export function resolveBase(
  options: ResolvedOptions,
  last: ResolvedBase | undefined,
): ResolvedBase {
  const { baseUrl, platform } = options;
  if (!isPathBaseUrl(baseUrl)) return last as ResolvedBase;
  const href = platform.baseHref?.();
  if (href === undefined) {
    refuse('Invalid client options: ', [
      { path: 'options.baseUrl', message: 'is a path, and there is no page here to resolve it' },
    ]);
  }
  if (last?.href === href) return last;
  const resolved = URL.canParse(baseUrl, href)
    ? new URL(baseUrl, href).href.replace(/\/+$/, '')
    : '';
  const issues = baseUrlIssues('options.baseUrl', resolved);
  if (issues.length > 0) refuse('Invalid client options: ', issues);
  return { href, baseUrl: resolved, host: new URL(resolved).host };
}

/** The path with the call's query and the per-call `options.query` (which wins by name). */
export function pathWithQuery(call: Call<unknown>): string {
  const { options } = call;
  let query = '';
  const add = (name: string, value: unknown) => {
    if (value === undefined) return;
    query += `${query ? '&' : ''}${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`;
  };
  // A per-call parameter replaces the call's own of that name: sending both would leave the
  // server to pick one.
  for (const name in call.query)
    if (options.query?.[name] === undefined) add(name, call.query[name]);
  for (const name in options.query) add(name, options.query[name]);
  return query ? `${call.path}?${query}` : call.path;
}

/** Checks the call's options and works out what every attempt shares. */
/** `base` is asked after the options are checked: a bad option is named before a bad base. */
export function prepare<T>(
  client: ResolvedOptions,
  call: Call<T>,
  resolve: () => ResolvedBase,
): Prepared<T> {
  const { options } = call;
  const path = pathWithQuery(call);
  const where = { method: call.method, path };
  const described = `${call.method} ${path}`;
  checkRequestOptions(options, described);
  if (options.fetchOptions !== undefined) {
    const issues = fetchOptionIssues('options.fetchOptions', {
      ...client.fetchOptions,
      ...options.fetchOptions,
    });
    if (issues.length > 0) refuse(`${NOT_SENT}${described} - `, issues);
  }
  // One key for every attempt of this call: that is what makes a retried POST safe.
  let idempotencyKey: string | undefined;
  if (call.method === 'POST') {
    const chosen = idempotencyKeyFor(options, client.platform);
    if (chosen.issues.length > 0) refuse(`${NOT_SENT}${described} - `, chosen.issues);
    idempotencyKey = chosen.key;
  }
  const base = resolve();
  return {
    call,
    url: base.baseUrl + path,
    host: base.host,
    where,
    signal: options.signal,
    idempotencyKey,
    timeoutMs: (options.timeoutMs ?? client.timeoutMs) + (call.extraTimeoutMs ?? 0),
    maxRetries: options.maxRetries ?? client.maxRetries,
    headers: options.headers,
    fetchOptions: options.fetchOptions,
    hooks: mergeHooks(client.hooks, options.hooks),
  };
}
