import type { ValidationIssue } from '@agent-sessions/protocol';

// What the SDK sets on each request itself, and ky's own options (fetch options are passed to
// ky, which would take these as orders: its own retries, a thrown HTTPError, another fetch).
const SDK_OWNED =
  /^(method|body|headers|signal|json|searchParams|prefixUrl|retry|timeout|hooks|throwHttpErrors|fetch|parseJson|stringifyJson|on(Down|Up)loadProgress|context|agentSessionsAttempt)$/;

const PROBE_URL = 'http://localhost/';

/** The message of building a `Request` with `init`, when that throws (`mode: 'navigate'`). */
function refusedBy(init: RequestInit): string | undefined {
  try {
    new Request(PROBE_URL, init);
    return undefined;
  } catch (error) {
    return `refused by fetch: ${(error as Error)?.message}`;
  }
}

/**
 * The issues with `fetchOptions`, each naming its option, found before anything is sent: a
 * value `fetch` refuses (`redirect: 'bogus'`) would otherwise fail every attempt with nothing
 * sent, and be retried as if the network had dropped.
 */
export function fetchOptionIssues(path: string, fetchOptions: unknown): ValidationIssue[] {
  if (fetchOptions === undefined) return [];
  if (typeof fetchOptions !== 'object' || fetchOptions === null || Array.isArray(fetchOptions))
    return [{ path, message: 'expected an object' }];
  const options = fetchOptions as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const name in options) {
    const value = options[name];
    if (value === undefined) continue;
    const message = SDK_OWNED.test(name)
      ? 'is set by the SDK'
      : name === 'dispatcher'
        ? typeof (value as { dispatch?: unknown })?.dispatch === 'function'
          ? undefined
          : 'expected an undici Dispatcher'
        : refusedBy({ [name]: value });
    if (message) issues.push({ path: `${path}.${name}`, message });
  }
  if (issues.length > 0) return issues;
  // Each alone may be fine and the pair not (`cache: 'only-if-cached'` needs `mode: 'same-origin'`).
  const together = refusedBy(options);
  return together ? [{ path, message: together }] : [];
}
