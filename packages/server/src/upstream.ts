import { pageResponseHeaders } from './headers.js';
import { problem } from './problem.js';

/** What the upstream answered, read whole. */
export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** One call to the upstream API. */
export interface UpstreamCall {
  method: string;
  /** The path and query, e.g. `/v1/sessions/ses_1/changes?from=3`. */
  target: string;
  headers: Headers;
  body?: string;
  /** The page's signal: its abort aborts the upstream request at once. */
  signal: AbortSignal;
  timeoutMs: number;
}

/**
 * Calls the upstream and reads its answer whole, or says why there is none as a problem
 * answer: 502 when it cannot be reached or answers garbage, 504 when it does not answer in
 * time, 499 when the page went away first. Never rejects.
 */
export async function callUpstream(
  fetchImpl: typeof fetch,
  baseUrl: string,
  call: UpstreamCall,
): Promise<UpstreamAnswer | { failed: Response }> {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort();
  call.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, call.timeoutMs);
  try {
    if (call.signal.aborted) throw new Error('aborted');
    const response = await fetchImpl(`${baseUrl}${call.target}`, {
      method: call.method,
      headers: call.headers,
      body: call.body ?? null,
      signal: controller.signal,
      // A redirect is not followed: it would carry the key to wherever it points.
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch {
    if (call.signal.aborted) {
      return { failed: problem(499, 'client_closed_request', 'The request was aborted.') };
    }
    if (timedOut) {
      return {
        failed: problem(504, 'gateway_timeout', 'The Agent Sessions API did not answer in time.', {
          headers: { 'Retry-After': '1' },
        }),
      };
    }
    return {
      failed: problem(502, 'bad_gateway', 'The Agent Sessions API could not be reached.', {
        headers: { 'Retry-After': '1' },
      }),
    };
  } finally {
    clearTimeout(timer);
    call.signal.removeEventListener('abort', onAbort);
  }
}

/** True when the upstream answered JSON (or a JSON problem). */
export function isJson(answer: UpstreamAnswer): boolean {
  return /^application\/(problem\+)?json\s*(;|$)/i.test(answer.headers.get('content-type') ?? '');
}

/**
 * The page's response for an upstream answer that is not about ownership: an error passes
 * through with the allowlisted headers, except where passing it would mislead the page (a 401
 * means the server's key was refused, not the user's login) or the body is not the API's.
 */
export function relay(answer: UpstreamAnswer, body: string = answer.text): Response {
  if (answer.status === 401 || answer.status === 403) {
    return problem(
      502,
      'upstream_unauthorized',
      "The Agent Sessions API refused this server's key.",
      {
        headers: { 'X-Should-Retry': 'false' },
      },
    );
  }
  if (answer.status < 200 || answer.status > 599 || (answer.status >= 300 && answer.status < 400)) {
    return problem(
      502,
      'bad_gateway',
      'The Agent Sessions API answered with an unexpected status.',
    );
  }
  if (!isJson(answer)) {
    return problem(
      502,
      'bad_gateway',
      'The Agent Sessions API answered with a body that is not JSON.',
      {
        headers: answer.status >= 500 ? { 'Retry-After': '1' } : {},
      },
    );
  }
  return new Response(body, {
    status: answer.status,
    headers: pageResponseHeaders(answer.headers),
  });
}
