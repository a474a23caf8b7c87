import type { ValidationIssue } from '@agent-sessions/protocol';

/** True for a `baseUrl` that is a path on the page's own origin (`/api/agent-sessions`). */
export const isPathBaseUrl = (baseUrl: string): boolean => baseUrl.startsWith('/');

/**
 * The issue with an absolute `baseUrl`, if any. Never quotes it: it may hold a password.
 * Credentials in it are refused (they would end up in error messages and logs, and `fetch`
 * refuses such a URL anyway); so are a query or fragment, which the paths would be glued to.
 */
export function baseUrlIssues(path: string, baseUrl: string): ValidationIssue[] {
  if (typeof baseUrl !== 'string' || !URL.canParse(baseUrl))
    return [{ path, message: 'expected an absolute URL' }];
  const url = new URL(baseUrl);
  const message =
    url.protocol !== 'http:' && url.protocol !== 'https:'
      ? 'expected an http: or https: URL'
      : url.username || url.password
        ? 'must not contain credentials'
        : /[?#]/.test(baseUrl)
          ? 'expected no query or fragment'
          : undefined;
  return message ? [{ path, message }] : [];
}
