/**
 * What each fault kind does, one entry per kind: `before` the operation (refuse it with a
 * problem, or drop the connection) and `after` it (hold the answer, or damage its body). The
 * `satisfies` clause makes a new kind without an entry fail to compile.
 */
import type { EngineResponse } from '../api/engine-request.js';
import { ProblemError } from '../api/problem.js';
import { problemReply, type Reply } from '../api/responses.js';
import type { HostTime } from '../engine/clock.js';
import type { FaultKind, FaultRule } from './fault-set.js';
import { cutAfter, dribble } from './slow-bodies.js';

/** What the `after` half of a fault may use. */
export interface FaultScene {
  timers: HostTime;
  /** Sleeps `ms` on the server's clock (a held response), or until the client leaves. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** The delay a `delay` rule draws for this call. */
  delayOf(rule: FaultRule): number;
  /** Aborts when the client goes away. */
  left: AbortSignal;
  /** Aborts when the server closes. */
  closing: AbortSignal;
}

/** One fault kind's effect. */
interface FaultEffect {
  /** Strikes before the operation: a problem reply, or `'reset'` to drop the connection. */
  before?(rule: FaultRule, requestId: string): Reply | 'reset';
  /** Acts on the rendered answer of the operation that ran. */
  after?(response: EngineResponse, rule: FaultRule, scene: FaultScene): Promise<EngineResponse>;
}

/**
 * The headers of a refusing fault: `X-Mock-Fault`, `Retry-After` (from `retryAfterS`, else
 * `retryAfterMs` rounded up, else `defaultS`), `Retry-After-Ms` and `X-Should-Retry` when set.
 */
function retryHeaders(rule: FaultRule, defaultS: number | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'X-Mock-Fault': rule.kind };
  const seconds =
    rule.retryAfterS ??
    (rule.retryAfterMs === undefined ? defaultS : Math.ceil(rule.retryAfterMs / 1000));
  if (seconds !== undefined) headers['Retry-After'] = String(seconds);
  if (rule.retryAfterMs !== undefined) headers['Retry-After-Ms'] = String(rule.retryAfterMs);
  if (rule.shouldRetry !== undefined) headers['X-Should-Retry'] = String(rule.shouldRetry);
  return headers;
}

// Every faulted response names its fault in `X-Mock-Fault`.
const named = (response: EngineResponse, rule: FaultRule) => ({
  ...response.headers,
  'X-Mock-Fault': rule.kind,
});

// The damaging kinds work on a string body (every rendered answer is one).
function halves(response: EngineResponse): { bytes: Uint8Array; half: Uint8Array } | undefined {
  if (typeof response.body !== 'string') return undefined;
  const bytes = new TextEncoder().encode(response.body);
  return { bytes, half: bytes.slice(0, Math.ceil(bytes.length / 2)) };
}

/** Every fault kind's effect, by kind. */
export const FAULT_EFFECTS = {
  rate_limit: {
    before: (rule, requestId) => {
      const headers = retryHeaders(rule, 0);
      return problemReply(
        requestId,
        new ProblemError(
          429,
          'rate_limited',
          `Too many requests; retry after ${headers['Retry-After']} seconds (fault).`,
          {},
          headers,
        ),
      );
    },
  },
  server_error: {
    before: (rule, requestId) => {
      const status = rule.status ?? 500;
      const headers = retryHeaders(rule, status === 503 ? 0 : undefined);
      const code = status === 503 ? 'service_unavailable' : 'internal_error';
      return problemReply(
        requestId,
        new ProblemError(status, code, `The server failed (fault: ${status}).`, {}, headers),
      );
    },
  },
  reset: { before: () => 'reset' },
  // The normal answer, held `delayMs` on the server's clock.
  delay: {
    after: async (response, rule, scene) => {
      await scene.sleep(scene.delayOf(rule), scene.left);
      return { ...response, headers: named(response, rule) };
    },
  },
  // The first half of the body (not JSON), with a 200.
  malformed: {
    after: async (response, rule) => {
      const parts = halves(response);
      const headers = named(response, rule);
      if (!parts) return { ...response, headers };
      return { status: 200, headers, body: new TextDecoder().decode(parts.half) };
    },
  },
  // The full Content-Length announced, half sent, then the connection cut.
  truncate: {
    after: async (response, rule) => {
      const parts = halves(response);
      const headers = named(response, rule);
      if (!parts) return { ...response, headers };
      return {
        status: response.status,
        headers: { ...headers, 'Content-Length': String(parts.bytes.length) },
        body: cutAfter(parts.half),
      };
    },
  },
  // The body in small chunks with real pauses (ending when the client has left, hurrying once
  // the server is closing).
  dribble: {
    after: async (response, rule, scene) => {
      const parts = halves(response);
      const headers = named(response, rule);
      if (!parts) return { ...response, headers };
      return {
        status: response.status,
        headers: { ...headers, 'Content-Length': String(parts.bytes.length) },
        body: dribble(
          parts.bytes,
          rule.chunkBytes ?? 16,
          rule.pauseMs ?? 100,
          scene.timers,
          scene.left,
          scene.closing,
        ),
      };
    },
  },
} satisfies Record<FaultKind, FaultEffect>;

/** What a fault does before the operation: a problem reply, `'reset'`, or undefined (it runs). */
export function faultBefore(
  rule: FaultRule | undefined,
  requestId: string,
): Reply | 'reset' | undefined {
  const effect: FaultEffect | undefined = rule && FAULT_EFFECTS[rule.kind];
  return rule && effect?.before?.(rule, requestId);
}

/** What a fault does to the answer of the operation that ran (a refusing kind only names itself). */
export async function faultAfter(
  response: EngineResponse,
  rule: FaultRule,
  scene: FaultScene,
): Promise<EngineResponse> {
  const effect: FaultEffect = FAULT_EFFECTS[rule.kind];
  if (effect.after) return effect.after(response, rule, scene);
  return { ...response, headers: named(response, rule) };
}
