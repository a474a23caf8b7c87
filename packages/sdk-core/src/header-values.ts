import type { ValidationIssue } from '@agent-sessions/protocol';

// RFC 9110 field names are tokens; values are visible ASCII, Latin-1 and inner spaces/tabs.
// A CR, LF or NUL (header injection) or a character past U+00FF is refused here, before
// `Headers` would throw a TypeError that quotes the value (an API key, say) in its message.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The issue with one header we are about to send, if any. Never quotes the value: it may
 * be a secret. `path` names the option it came from (`options.apiKey`).
 */
export function headerIssue(path: string, name: string, value: unknown): ValidationIssue[] {
  if (!TOKEN.test(name)) return [{ path, message: 'is not a valid header name' }];
  if (typeof value !== 'string') return [{ path, message: 'expected a string header value' }];
  if (!VALUE.test(value)) {
    return [
      {
        path,
        message:
          'is not a valid header value (it contains a line break, a control character or a character beyond Latin-1)',
      },
    ];
  }
  return [];
}

/** The issues of a whole header record (`options.headers`), each naming its header. */
export function headerRecordIssues(
  path: string,
  headers: Record<string, string | null | undefined> | undefined,
): ValidationIssue[] {
  if (headers === undefined) return [];
  const issues: ValidationIssue[] = [];
  for (const name in headers) {
    const value = headers[name];
    // `null`/`undefined` removes a default header: nothing is sent.
    if (value === null || value === undefined) continue;
    issues.push(...headerIssue(`${path}.${name}`, name, value));
  }
  return issues;
}

/** The header that makes a POST safe to retry (one key per call, every attempt). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
