import type { WithResponse } from '../api-promise.js';
import { connectionError, errorFromResponse } from '../error-from-response.js';
import {
  AgentSessionsError,
  abortError,
  ConnectionError,
  ResponseValidationError,
} from '../errors.js';
import { headerIssue, IDEMPOTENCY_HEADER } from '../header-values.js';
import { describeHeaders, isSecretHeader, type LevelLogger } from '../logger.js';
import type { ResolvedOptions } from '../options.js';
import { redacted } from '../redact.js';
import { refuse } from '../refuse.js';
import type { Prepared } from './call.js';
import type { AttemptState, KySender } from './ky-loader.js';
import { notSent } from './not-sent.js';

/** What an exchange needs from its transport. */
export interface ExchangeContext {
  options: ResolvedOptions;
  /** The transport's ky sender, loaded by the first call that needs it. */
  ky: () => Promise<KySender>;
  log: LevelLogger;
}

/** The request's headers for one attempt: the key, the retry count, the call's and the POST key. */
function attemptHeaders(
  prepared: Prepared<unknown>,
  token: string | undefined,
  attempt: number,
): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  if (token !== undefined) {
    const issues = headerIssue('options.apiKey', 'authorization', token);
    if (issues.length > 0) refuse(`Invalid API key from the key provider, not sent: `, issues);
    headers.authorization = `Bearer ${token}`;
  }
  headers['x-retry-count'] = String(attempt - 1);
  // A call's `null` removes a client header: ky drops `undefined` ones. Lower-cased so that
  // `Authorization` replaces ours instead of `Headers` joining both into one value.
  for (const name in prepared.headers)
    headers[name.toLowerCase()] = prepared.headers[name] ?? undefined;
  // After the call's headers: a POST's key was taken from them already (and never removed).
  if (prepared.idempotencyKey) headers[IDEMPOTENCY_HEADER] = prepared.idempotencyKey;
  return headers;
}

/** One attempt's work: gets the key, sends the request, reads and validates the response. */
export async function exchange<T>(
  { options: client, ky, log }: ExchangeContext,
  prepared: Prepared<T>,
  attempt: number,
  refresh: boolean,
  signal: AbortSignal,
): Promise<WithResponse<T>> {
  const { call, where } = prepared;
  const { apiKey } = client;
  const token = apiKey ? await apiKey({ refresh, signal, sessionId: call.sessionId }) : undefined;
  // The attempt was stopped while the provider ran: send nothing.
  if (signal.aborted) throw abortError(where, signal.reason);
  const headers = attemptHeaders(prepared, token, attempt);
  // What must never reach an error or a log: the key, and any credential-looking header.
  const secrets = [token];
  for (const [name, value] of Object.entries({ ...client.headers, ...headers }))
    if (value && name !== IDEMPOTENCY_HEADER && isSecretHeader(name, value)) secrets.push(value);
  if (log.debug) {
    const sent = new Headers(client.headers);
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) sent.delete(name);
      else sent.set(name, value);
    }
    log.debug(
      `agent-sessions: ${where.method} ${where.path} attempt ${attempt} sending (${describeHeaders(sent)})`,
    );
  }
  const state: AttemptState = {
    signal,
    idempotencyKey: prepared.idempotencyKey,
    where,
    attempt,
    reached: false,
    hookFailure: undefined,
  };
  let response: Response;
  try {
    response = hasRequestHooks(prepared)
      ? await sendThroughKy(ky, prepared, headers, state)
      : await sendDirect(client, prepared, headers, state);
  } catch (error) {
    if (AgentSessionsError.is(error)) throw error;
    if (state.hookFailure) throw state.hookFailure.error;
    // Nothing left this process: the request could not be built (a hook read its body).
    // Sending it again would fail the same way, so this is the caller's mistake to fix.
    if (!state.reached) {
      const cause = redacted(error, secrets);
      notSent(
        where,
        prepared.hooks.beforeRequest?.length ? 'options.hooks.beforeRequest' : 'request',
        `could not be sent (read request.clone(), not the request): ${(cause as Error)?.message}`,
      );
    }
    throw connectionError(where, prepared.host, 'Connection', error, secrets);
  }
  const requestId = response.headers.get('x-request-id') ?? undefined;
  // An afterResponse hook that read the body it returns: reading it again would fail as if
  // the connection had dropped, and be retried.
  if (response.bodyUsed)
    notSent(where, 'options.hooks.afterResponse', 'returned a response whose body it read');
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw connectionError(where, prepared.host, 'Response body was cut off', error, secrets);
  }
  if (!response.ok) throw errorFromResponse(response, text, where, client.platform.now());
  return { data: parseBody(prepared, response, text, requestId), response, requestId };
}

/** Whether the call has hooks that see the Request or Response: then ky builds and sends it. */
function hasRequestHooks({ hooks }: Prepared<unknown>): boolean {
  return (hooks.beforeRequest?.length ?? 0) > 0 || (hooks.afterResponse?.length ?? 0) > 0;
}

/** Through ky, loaded now if this is the first call with request hooks (see ky-loader.ts). */
async function sendThroughKy(
  loadKy: () => Promise<KySender>,
  prepared: Prepared<unknown>,
  headers: Record<string, string | undefined>,
  state: AttemptState,
): Promise<Response> {
  const { where } = prepared;
  let send: KySender;
  try {
    send = await loadKy();
  } catch (error) {
    // A page's chunk that did not come (offline, a deploy that removed it): nothing was sent,
    // and the next attempt imports it again.
    throw new ConnectionError({
      ...where,
      code: 'connection_error',
      retryable: true,
      cause: error,
      message: `Could not load ky, which sends calls with request hooks: ${where.method} ${where.path}`,
    });
  }
  // The attempt was stopped while ky loaded: no hook runs, nothing is sent.
  if (state.signal.aborted) throw abortError(where, state.signal.reason);
  return send(prepared, headers, state);
}

/**
 * With no hook to show a Request to, the request goes straight to `fetch` with the headers
 * ky would have sent (the client's, then the call's; `undefined` removes one; JSON content
 * type for a body): building a Request and merging ky's options cost a third of a `status()`.
 */
function sendDirect(
  client: ResolvedOptions,
  prepared: Prepared<unknown>,
  headers: Record<string, string | undefined>,
  state: AttemptState,
): Promise<Response> {
  const { call } = prepared;
  const sent = new Headers(client.headers);
  if (!sent.has('accept')) sent.set('accept', 'application/json');
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) sent.delete(name);
    else sent.set(name, value);
  }
  let body: string | undefined;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    if (!sent.has('content-type')) sent.set('content-type', 'application/json');
  }
  state.reached = true;
  return client.platform.fetch(prepared.url, {
    ...client.fetchOptions,
    ...prepared.fetchOptions,
    method: call.method,
    headers: sent,
    body,
    signal: state.signal,
  });
}

/** The validated data of a 2xx body. */
function parseBody<T>(
  { call, where }: Prepared<T>,
  response: Response,
  text: string,
  requestId: string | undefined,
): T {
  const details = {
    ...where,
    status: response.status,
    response,
    requestId,
    code: 'invalid_response',
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ResponseValidationError({
      ...details,
      // A garbled body is a transport accident: asking again may well get a good one.
      retryable: true,
      issues: [{ path: 'response', message: 'is not valid JSON' }],
      message: `Response is not valid JSON: ${where.method} ${where.path}`,
    });
  }
  const result = call.parse(json);
  if (!result.success) {
    const first = result.issues[0];
    throw new ResponseValidationError({
      ...details,
      issues: result.issues,
      message: `Response does not match the API: ${where.method} ${where.path} - ${first?.path}: ${first?.message}`,
    });
  }
  return result.data;
}
