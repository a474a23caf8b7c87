import type { Session, SessionEvent } from '@agent-sessions/protocol';
import type { FaultRule } from './faults.js';

/** Options of {@link MockControl}. */
export interface MockControlOptions {
  /** The fetch to use. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** The server's clock, as `/_mock/clock` reports it. */
export interface MockClockReading {
  /** Milliseconds since the epoch on the server's clock. */
  now: number;
  /** The same instant as an ISO 8601 string. */
  iso: string;
}

/**
 * Drives a mock server over HTTP through its `/_mock/*` routes: from a browser, another
 * process, or any test that did not start the server. Imports nothing from Node.
 *
 * @example
 * const control = new MockControl('http://127.0.0.1:4010');
 * await control.addFault({ operation: 'getSession', call: 1, kind: 'rate_limit', retryAfterS: 1 });
 * await control.advance(5_000);
 */
export class MockControl {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;

  /** `baseUrl`: the server's URL, e.g. `server.url`. */
  constructor(baseUrl: string, options: MockControlOptions = {}) {
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Adds a scripted fault rule; resolves to its id. */
  async addFault(rule: FaultRule): Promise<string> {
    return ((await this.#call('POST', '/faults', rule)) as { id: string }).id;
  }

  /** Removes every scripted fault rule. */
  async clearFaults(): Promise<void> {
    await this.#call('DELETE', '/faults');
  }

  /** Moves the server's clock forward `ms` milliseconds; resolves to the new now (ms). */
  async advance(ms: number): Promise<number> {
    return ((await this.#call('POST', '/clock/advance', { ms })) as MockClockReading).now;
  }

  /** The server's now, in milliseconds since the epoch. */
  async now(): Promise<number> {
    return ((await this.#call('GET', '/clock')) as MockClockReading).now;
  }

  /** A session's snapshot and full event log (rejects for an unknown id). */
  async inspect(sessionId: string): Promise<{ session: Session; events: SessionEvent[] }> {
    return (await this.#call('GET', `/sessions/${encodeURIComponent(sessionId)}`)) as {
      session: Session;
      events: SessionEvent[];
    };
  }

  /** Sessions held, long-polls parked and responses held by a delay fault, right now. */
  async stats(): Promise<{ sessions: number; parked: number; held: number }> {
    return (await this.#call('GET', '/stats')) as {
      sessions: number;
      parked: number;
      held: number;
    };
  }

  /** Forgets every session and scripted fault. */
  async reset(): Promise<void> {
    await this.#call('POST', '/reset');
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.#fetch(`${this.#baseUrl}/_mock${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `Mock control failed with status ${response.status}: ${method} /_mock${path}: ${text}`,
      );
    }
    return JSON.parse(text);
  }
}
