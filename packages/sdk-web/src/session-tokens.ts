import { type ApiKeyProvider, BadRequestError } from '@agent-sessions/sdk-core';

/** What a token fetcher may return: the token, or the whole minted `SessionToken` as JSON. */
export type FetchedToken = string | { token: string };

/**
 * A key provider for session tokens: one token per session, from your backend (which mints
 * it with the account key, after checking the user may see that session). `fetchToken` is
 * asked the first time a session is called, its answer is kept for that session's later calls,
 * and it is asked again after a 401 (an expired token, `token_expired`). Concurrent calls for
 * one session share one fetch. A call that names no session (`list`, `start`) cannot use a
 * token and is refused with a `BadRequestError`, nothing sent: start sessions on your backend.
 * The fetch is shared by every call waiting for it, so it gets no abort signal: bound it
 * yourself (e.g. `AbortSignal.timeout(10_000)`).
 *
 * @example
 * const client = new AgentSessions({
 *   apiKey: sessionTokens(async (sessionId) =>
 *     (await fetch(`/api/session-token?session=${sessionId}`, { method: 'POST' })).json(),
 *   ),
 * });
 * for await (const event of client.sessions.watch(sessionId)) render(event);
 */
export function sessionTokens(
  fetchToken: (sessionId: string) => FetchedToken | Promise<FetchedToken>,
): ApiKeyProvider {
  const tokens = new Map<string, { token: Promise<string>; settled: boolean }>();
  return ({ sessionId, refresh }) => {
    if (sessionId === undefined) {
      const message =
        'a session token is for one session: it cannot list or start sessions (do that on your backend)';
      throw new BadRequestError({
        code: 'invalid_request',
        message: `Invalid request, not sent: options.apiKey: ${message}`,
        errors: [{ path: 'options.apiKey', message }],
      });
    }
    const held = tokens.get(sessionId);
    // A refresh while one is already under way joins it instead of minting twice.
    if (held && !(refresh && held.settled)) return held.token;
    const entry = {
      token: Promise.resolve(sessionId).then(fetchToken).then(tokenOf),
      settled: false,
    };
    tokens.set(sessionId, entry);
    entry.token.then(
      () => {
        entry.settled = true;
      },
      // A failed fetch is not kept: the next call asks again.
      () => {
        if (tokens.get(sessionId) === entry) tokens.delete(sessionId);
      },
    );
    return entry.token;
  };
}

function tokenOf(fetched: FetchedToken): string {
  const token = typeof fetched === 'string' ? fetched : fetched?.token;
  if (typeof token !== 'string' || token === '') {
    const message = 'expected the token fetcher to return a non-empty string or { token }';
    throw new BadRequestError({
      code: 'invalid_request',
      message: `Invalid session token: ${message}`,
      errors: [{ path: 'options.apiKey', message }],
    });
  }
  return token;
}
