/**
 * What a failed `fetch` says, with the reason underneath named: Node's undici says only
 * `fetch failed` and keeps the `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET` or certificate error
 * a cause or two down (Bun puts it in the message). The first cause with a `code` is named.
 */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return '';
  let reason: { code: string; message: string } | undefined;
  const seen = new Set<unknown>();
  const queue: unknown[] = [error.cause];
  while (queue.length > 0 && !reason && seen.size < 32) {
    const current = queue.shift() as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (typeof current.code === 'string' && current.code !== '') {
      reason = {
        code: current.code,
        message: typeof current.message === 'string' ? current.message : '',
      };
    }
    queue.push(current.cause, ...(Array.isArray(current.errors) ? current.errors : []));
  }
  if (!reason || error.message.includes(reason.code)) return error.message;
  const { code, message } = reason;
  return `${error.message}: ${message.includes(code) ? message : message ? `${message} (${code})` : code}`;
}
