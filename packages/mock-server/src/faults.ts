import type { OperationId } from './operations.js';

/**
 * What a fault does to a response. `rate_limit`: 429 with `Retry-After`. `server_error`: 5xx.
 * `delay`: the normal answer after `delayMs` on the server's clock. `reset`: the connection is
 * destroyed without a response. `truncate`: headers and half the body, then the connection is
 * cut. `malformed`: 200 with a body that is not JSON.
 */
export type FaultKind =
  | 'rate_limit'
  | 'server_error'
  | 'delay'
  | 'reset'
  | 'truncate'
  | 'malformed';

/** Every fault kind, in the order chaos picks from. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'rate_limit',
  'server_error',
  'delay',
  'reset',
  'truncate',
  'malformed',
];

/**
 * A scripted fault. `rate_limit`, `server_error` and `reset` strike before the operation runs
 * (the session is untouched); `delay`, `truncate` and `malformed` let it run, then hold or
 * damage the response (a lost response: retry with the same `Idempotency-Key`).
 *
 * @example { operation: 'sendSessionMessage', call: 1, kind: 'reset' } // the first message call
 */
export interface FaultRule {
  /** The spec `operationId` the rule applies to. */
  operation: OperationId;
  /** The Nth matching call after the rule was added (1-based). Default: every call. */
  call?: number;
  /** With `call`: also the following `times - 1` calls. Default 1. */
  times?: number;
  /** Only calls for this session. Default: any. */
  sessionId?: string;
  kind: FaultKind;
  /** `server_error` status, 500 to 599. Default 500. Example: 503. */
  status?: number;
  /** `Retry-After` seconds for `rate_limit` and 503. Default 0. */
  retryAfterS?: number;
  /** `delay`: how long to hold the response, in ms of the server's clock. Default 1000. */
  delayMs?: number;
}

/**
 * Seeded random faults: each matching call fails with probability `rate`, with a kind drawn
 * from `kinds`. The same seed and the same calls give the same faults.
 */
export interface ChaosOptions {
  /** Probability in [0, 1] that a call is faulted. Example: 0.2. */
  rate: number;
  /** Seed of the random sequence. Example: 42. */
  seed: number;
  /** Kinds to draw from. Default: every {@link FaultKind}. */
  kinds?: FaultKind[];
  /** Operations chaos applies to. Default: all. */
  operations?: OperationId[];
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  seen: number;
}

// mulberry32: tiny, fast and good enough for picking faults reproducibly.
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks a fault rule and returns it, or throws a TypeError naming the bad field. */
export function checkFaultRule(rule: FaultRule): FaultRule {
  const fail = (field: string, expected: string): never => {
    throw new TypeError(`Invalid fault rule: ${field}: expected ${expected}`);
  };
  if (typeof rule !== 'object' || rule === null) fail('(root)', 'an object');
  if (!FAULT_KINDS.includes(rule.kind)) fail('kind', `one of ${FAULT_KINDS.join(', ')}`);
  if (typeof rule.operation !== 'string') fail('operation', 'an operationId');
  const positiveInt = (value: unknown) => Number.isInteger(value) && (value as number) >= 1;
  if (rule.call !== undefined && !positiveInt(rule.call)) fail('call', 'an integer >= 1');
  if (rule.times !== undefined && !positiveInt(rule.times)) fail('times', 'an integer >= 1');
  const { status } = rule;
  if (rule.kind === 'server_error' && status !== undefined) {
    if (!(Number.isInteger(status) && status >= 500 && status <= 599))
      fail('status', 'a 5xx status');
  }
  for (const field of ['retryAfterS', 'delayMs'] as const) {
    const value = rule[field];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      fail(field, 'an integer >= 0');
    }
  }
  return rule;
}

/** The scripted fault rules of a server, matched in the order they were added. */
export class FaultSet {
  #rules: ActiveRule[] = [];
  #nextId = 1;
  readonly #chaos: ChaosOptions | undefined;
  readonly #random: () => number;

  constructor(rules: FaultRule[] = [], chaos?: ChaosOptions) {
    this.#chaos = chaos;
    this.#random = seededRandom(chaos?.seed ?? 0);
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule; returns its id. */
  add(rule: FaultRule): string {
    const id = `fault_${this.#nextId++}`;
    this.#rules.push({ id, rule: { ...checkFaultRule(rule) }, seen: 0 });
    return id;
  }

  /** Removes every scripted rule (chaos stays on). */
  clear(): void {
    this.#rules = [];
  }

  /** The fault for this call, if any. Counts the call for every rule it matches. */
  match(operation: OperationId, sessionId: string | undefined): FaultRule | undefined {
    let hit: FaultRule | undefined;
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.operation !== operation) continue;
      if (rule.sessionId !== undefined && rule.sessionId !== sessionId) continue;
      active.seen += 1;
      const inWindow =
        rule.call === undefined ||
        (active.seen >= rule.call && active.seen < rule.call + (rule.times ?? 1));
      if (inWindow && !hit) hit = rule;
    }
    return hit ?? this.#chaosFault(operation);
  }

  #chaosFault(operation: OperationId): FaultRule | undefined {
    const chaos = this.#chaos;
    if (!chaos) return undefined;
    if (chaos.operations && !chaos.operations.includes(operation)) return undefined;
    if (this.#random() >= chaos.rate) return undefined;
    const kinds = chaos.kinds?.length ? chaos.kinds : FAULT_KINDS;
    const kind = kinds[Math.floor(this.#random() * kinds.length)]!;
    return { operation, kind };
  }
}

/**
 * What a fault that lets the operation run does to its response: `malformed` keeps the first
 * half of the body (not JSON) with a 200; `truncate` sends the headers with the full
 * Content-Length and half the body, then fails the stream. Other kinds leave it as it is.
 */
export async function damage(response: Response, kind: FaultKind): Promise<Response> {
  if (kind !== 'malformed' && kind !== 'truncate') return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const half = bytes.slice(0, Math.ceil(bytes.length / 2));
  const headers = new Headers(response.headers);
  if (kind === 'malformed') return new Response(half, { status: 200, headers });
  let sent = false;
  // Erroring drops queued chunks, so the error waits until the half has been read (no
  // read-ahead: highWaterMark 0, which also keeps a tee'd copy from erroring early).
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent) {
          controller.error(
            new TypeError('terminated: the mock server cut the body (fault: truncate)'),
          );
          return;
        }
        sent = true;
        controller.enqueue(half);
      },
    },
    { highWaterMark: 0 },
  );
  headers.set('Content-Length', String(bytes.length));
  return new Response(stream, { status: response.status, headers });
}
