// How far into an error the search for a secret goes: causes, `errors`, own properties.
const MAX_DEPTH = 8;

/** True when a string reachable from `value` contains one of `secrets`. */
function mentions(
  value: unknown,
  secrets: string[],
  depth = 0,
  seen = new Set<unknown>(),
): boolean {
  if (typeof value === 'string') return secrets.some((secret) => value.includes(secret));
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  // Bounded in depth and in objects read (an error may reach a whole socket graph); past the
  // bound a secret may hide, so it counts as one: the error is copied with only what is safe.
  if (depth > MAX_DEPTH || seen.size > 2000) return true;
  seen.add(value);
  const inner: unknown[] = [];
  // Headers and Request keep what they hold out of reach of property names.
  if (value instanceof Headers) inner.push(...value.values());
  else if (value instanceof Request) inner.push(value.url, value.headers);
  else if (value instanceof Error) inner.push(value.message, value.stack, value.cause);
  try {
    for (const name of Object.getOwnPropertyNames(value))
      inner.push((value as Record<string, unknown>)[name]);
  } catch {
    // A getter that throws: nothing to read there.
  }
  return inner.some((item) => mentions(item, secrets, depth + 1, seen));
}

/** A copy of `value` with `secrets` cut out; an object holding one that is not an Error is dropped. */
function clean(value: unknown, secrets: string[], depth: number): unknown {
  if (typeof value === 'string')
    return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), value);
  if (!mentions(value, secrets)) return value;
  if (!(value instanceof Error) || depth > MAX_DEPTH) return '[redacted]';
  // Only what says what happened is kept: the message, the name, the `code`, the causes.
  const copy = Object.assign(new Error(clean(value.message, secrets, 0) as string), {
    code: (value as { code?: unknown }).code,
    errors: (value as { errors?: unknown[] }).errors?.map?.((item) =>
      clean(item, secrets, depth + 1),
    ),
  });
  copy.name = value.name;
  copy.stack = `${copy.name}: ${copy.message}`;
  if (value.cause !== undefined) copy.cause = clean(value.cause, secrets, depth + 1);
  return copy;
}

/**
 * `error` with `secrets` (the API key, credential headers) cut out wherever they appear: its
 * message, stack, causes at any depth, `errors`, own properties (a custom `fetch` that puts
 * the request's headers there). The same object when it holds none (the usual case).
 */
export function redacted(error: unknown, secrets: (string | undefined)[]): unknown {
  const live = secrets.filter((secret): secret is string => !!secret);
  return live.length > 0 ? clean(error, live, 0) : error;
}
