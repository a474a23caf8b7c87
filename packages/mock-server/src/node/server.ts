import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setImmediate, setTimeout } from 'node:timers';
import { scenarios } from '../catalog.js';
import type { Clock, ClockOption, Timers } from '../clock.js';
import {
  MockEngine,
  type MockEngineOptions,
  type MockStats,
  type SessionInspection,
} from '../engine.js';
import type { FaultRule } from '../faults.js';
import type { Fixture } from '../fixture.js';
import { MockConnectionReset } from '../http-error.js';
import { loadFixtureDir } from './fixture-dir.js';

// node:timers and a captured performance.now, not the globals: fake timers installed by a
// test cannot freeze the server.
const monotonic = performance.now.bind(performance);
const nodeTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  monotonic,
  wall: () => performance.timeOrigin + monotonic(),
};

/** Options of {@link createMockServer}; every one is optional. */
export interface MockServerOptions
  extends Omit<MockEngineOptions, 'fixtures' | 'timers' | 'defer' | 'clock'> {
  /** Port on 127.0.0.1. Default 0 (any free port). Example: 4010. */
  port?: number;
  /** The scenarios: `Fixture[]`, or a directory of fixture `.json` files. Default: {@link scenarios}. */
  fixtures?: Fixture[] | string;
  /** `'virtual'` (default; starts at 2026-01-01T00:00:00Z) or `{ mode: 'real', speed: 1 }`. */
  clock?: ClockOption;
  /**
   * Sees every response before it is sent (a copy), e.g. to check it against the spec.
   * Default none. Faulted responses carry an `X-Mock-Fault` header naming the fault.
   */
  onResponse?: (request: Request, response: Response) => void;
}

/** A running mock server. */
export interface MockServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** The same server in-process, without a socket. Relative URLs resolve against {@link url}. */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** The server's clock: `now()` in ms since the epoch, `advance(ms)` (virtual). */
  readonly clock: Pick<Clock, 'now' | 'advance' | 'mode'>;
  /** Scripted faults: `add(rule)` returns its id; `clear()` removes all. */
  readonly faults: { add(rule: FaultRule): string; clear(): void };
  /** The scenario names sessions can pick with `metadata.scenario`. */
  readonly scenarioNames: string[];
  /** A session's snapshot and events, or undefined. */
  session(id: string): SessionInspection | undefined;
  /** Forgets every session and fault. */
  reset(): void;
  /** Sessions held, long-polls parked, responses held by a delay fault. */
  stats(): MockStats;
  /** Answers parked polls, closes every connection, frees the port. */
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(hasBody ? { body: ReadableStreamFrom(req), duplex: 'half' as const } : {}),
  } as RequestInit);
}

// IncomingMessage as a web ReadableStream of bytes.
function ReadableStreamFrom(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      req.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      req.on('end', () => controller.close());
      req.on('error', (error) => controller.error(error));
    },
  });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  let flushed: Promise<unknown> = Promise.resolve();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      flushed = new Promise((resolve) => res.write(value, resolve));
    }
    res.end();
  } catch {
    // A body that fails half-way (the truncate fault) reaches the client as a cut connection,
    // after what was sent so far.
    await flushed;
    res.destroy();
  }
}

/**
 * Starts a mock Agent Sessions server on 127.0.0.1.
 *
 * @example
 * const server = await createMockServer();
 * const res = await fetch(`${server.url}/v1/sessions`, {
 *   method: 'POST',
 *   headers: { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ input: 'What is the capital of France?' }),
 * });
 * await server.close();
 */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const fixtures =
    typeof options.fixtures === 'string'
      ? await loadFixtureDir(options.fixtures)
      : (options.fixtures ?? Object.values(scenarios));
  const engine = new MockEngine({
    ...options,
    fixtures,
    timers: nodeTimers,
    defer: (fn) => setImmediate(fn),
  });
  const inFlight = new Set<Promise<void>>();
  const socketsClosed = new Set<Promise<void>>();
  let origin = '';

  const handle = async (request: Request): Promise<Response> => {
    const response = await engine.handle(request);
    options.onResponse?.(request, response.clone());
    return response;
  };

  const server = createServer((req, res) => {
    const aborter = new AbortController();
    // Only a client that leaves early aborts (a parked poll stops waiting for it).
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    const done = handle(toRequest(req, origin, aborter.signal)).then(
      (response) => send(response, res),
      (error: unknown) => {
        if (!(error instanceof MockConnectionReset)) {
          console.error('agent-sessions-mock: request failed', error);
        }
        req.socket.destroy();
      },
    );
    inFlight.add(done);
    done.finally(() => inFlight.delete(done));
  });
  server.on('connection', (socket) => {
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socketsClosed.add(closed);
    closed.then(() => socketsClosed.delete(closed));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    fetch: (input, init) => {
      const request =
        input instanceof Request
          ? new Request(input, init)
          : new Request(new URL(input, origin), init);
      return handle(request);
    },
    clock: {
      get mode() {
        return engine.clock.mode;
      },
      now: () => engine.clock.now(),
      advance: (ms) => engine.clock.advance(ms),
    },
    faults: { add: (rule) => engine.faults.add(rule), clear: () => engine.faults.clear() },
    scenarioNames: engine.scenarioNames,
    session: (id) => engine.sessions.get(id),
    reset: () => engine.reset(),
    stats: () => engine.stats(),
    close: async () => {
      // Parked polls and held responses are answered first, then every connection is cut.
      engine.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await Promise.all([closed, ...socketsClosed]);
    },
  };
}
