// How far into an error the search for a secret goes: causes, `errors`, own properties.
const MAX_DEPTH = 8;
const MAX_NODES = 2000;

/** True when a string reachable from `value` contains one of `secrets`. */
function mentions(
  value: unknown,
  secrets: string[],
  depth = 0,
  seen = new Set<unknown>(),
): boolean {
  if (typeof value === 'string') return secrets.some((secret) => value.includes(secret));
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return false;
  if (seen.has(value) || seen.size > MAX_NODES) return false;
  seen.add(value);
  const next = (inner: unknown) => mentions(inner, secrets, depth + 1, seen);
  if (value instanceof Headers) {
    let found = false;
    value.forEach((inner) => {
      found ||= next(inner);
    });
    return found;
  }
  if (value instanceof Request) return next(value.url) || next(value.headers);
  if (value instanceof Error && (next(value.message) || next(value.stack) || next(value.cause)))
    return true;
  try {
    for (const name of Object.getOwnPropertyNames(value)) {
      if (next((value as Record<string, unknown>)[name])) return true;
    }
  } catch {
    // A getter that throws: nothing to read there.
  }
  return false;
}

const scrub = (text: string, secrets: string[]) =>
  secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);

/** A copy of `error` with every secret cut out; what holds one and cannot be cut is dropped. */
function clean(value: unknown, secrets: string[], depth: number): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (!mentions(value, secrets)) return value;
  if (!(value instanceof Error) || depth > MAX_DEPTH) return '[redacted]';
  const copy = new Error(scrub(value.message, secrets)) as Error & Record<string, unknown>;
  copy.name = value.name;
  copy.stack = `${copy.name}: ${copy.message}`;
  for (const name of Object.keys(value)) {
    if (name === 'cause' || name === 'errors') continue;
    const inner = (value as unknown as Record<string, unknown>)[name];
    // `code`, `errno` and the like are kept; an object holding a secret (`headers`) is not.
    if (typeof inner !== 'object' || inner === null) copy[name] = clean(inner, secrets, depth + 1);
    else if (!mentions(inner, secrets)) copy[name] = inner;
  }
  if (value.cause !== undefined) copy.cause = clean(value.cause, secrets, depth + 1);
  const { errors } = value as { errors?: unknown };
  if (Array.isArray(errors)) copy.errors = errors.map((inner) => clean(inner, secrets, depth + 1));
  return copy;
}

/**
 * `error` with `secrets` (the API key, credential headers) cut out wherever they appear: its
 * message, stack, causes at any depth, `errors`, own properties (a custom `fetch` that puts
 * the request's headers there). The same object when it holds none (the usual case).
 */
export function redacted(error: unknown, secrets: (string | undefined)[]): unknown {
  const live = secrets.filter((secret): secret is string => !!secret);
  if (live.length === 0 || !mentions(error, live)) return error;
  return clean(error, live, 0);
}
