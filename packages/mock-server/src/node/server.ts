import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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
import { adapterProblem, rawProblem } from './adapter-problem.js';
import { BodyTooLargeError, type EngineResponse } from './engine-contract.js';
import { loadFixtureDir } from './fixture-dir.js';
import { type IncomingEngineRequest, incomingRequest } from './incoming-request.js';
import { writeResponse } from './write-response.js';

// node:timers and a captured performance.now, not the globals: fake timers installed by a
// test cannot freeze the server.
const monotonic = performance.now.bind(performance);
const nodeTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  monotonic,
  wall: () => performance.timeOrigin + monotonic(),
};

/** The default of {@link MockServerOptions.bodyLimitBytes}: 1 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** The default of {@link MockServerOptions.closeGraceMs}: 1 s. */
export const DEFAULT_CLOSE_GRACE_MS = 1000;

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
   * The largest request body read, in bytes; a larger one is answered 413 and no more of it is
   * read. Default 1 MiB. Example: `10 * 1024 * 1024`.
   */
  bodyLimitBytes?: number;
  /**
   * How long `close()` lets requests in flight finish before it cuts their connections, in ms.
   * Default 1000. Example: 0 (cut at once).
   */
  closeGraceMs?: number;
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
  /**
   * Answers parked polls, lets requests in flight finish for up to `closeGraceMs`, then cuts
   * every connection and frees the port.
   */
  close(): Promise<void>;
}

// Until the engine answers EngineRequests itself: the web Request the engine reads, built
// without letting any input throw past the adapter.
async function serveViaWeb(
  handle: (request: Request) => Promise<Response>,
  request: IncomingEngineRequest,
  req: IncomingMessage,
  origin: string,
  bodyLimitBytes: number,
): Promise<EngineResponse> {
  let web: Request;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const url = request.url.startsWith('/') ? `${origin}${request.url}` : request.url;
    web = new Request(url, {
      method: request.method,
      headers,
      signal: request.signal,
      ...(hasBody ? { body: await request.text(bodyLimitBytes) } : {}),
    });
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return adapterProblem(413, 'payload_too_large', error.message);
    }
    return adapterProblem(
      400,
      'invalid_request',
      'The request line or headers are not valid HTTP.',
    );
  }
  try {
    const response = await handle(web);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (!response.body) return { status: response.status, headers, body: '' };
    const reader = response.body.getReader();
    return {
      status: response.status,
      headers,
      body: {
        async *[Symbol.asyncIterator]() {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            yield value;
          }
        },
      },
    };
  } catch (error) {
    if (error instanceof MockConnectionReset)
      return { status: 0, headers: {}, body: '', reset: true };
    throw error;
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
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const closeGraceMs = options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
  const inFlight = new Set<Promise<void>>();
  const sockets = new Set<Socket>();
  let origin = '';

  const handle = async (request: Request): Promise<Response> => {
    const response = await engine.handle(request);
    options.onResponse?.(request, response.clone());
    return response;
  };

  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const aborter = new AbortController();
    // Only a client that leaves early aborts (a parked poll stops waiting for it).
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    const request = incomingRequest(req, aborter.signal);
    let response: EngineResponse;
    try {
      response = await serveViaWeb(handle, request, req, origin, bodyLimitBytes);
    } catch (error) {
      console.error('agent-sessions-mock: request failed', error);
      response = adapterProblem(500, 'internal_error', 'The mock server failed to answer.');
    }
    // A body left unread (refused before reading, or past the limit) is not read to its end to
    // keep the connection: the connection closes after the answer instead.
    const unread = !req.complete && !request.bodyDone;
    await writeResponse(res, response, unread ? { Connection: 'close' } : {});
  };

  const server = createServer((req, res) => {
    // A client that leaves mid-body makes the request emit 'error'; it is answered by 'close'.
    req.on('error', () => {});
    res.on('error', () => {});
    const done = respond(req, res).catch((error: unknown) => {
      console.error('agent-sessions-mock: could not send a response', error);
      res.destroy();
    });
    inFlight.add(done);
    done.finally(() => inFlight.delete(done));
  });
  // What Node's parser refuses (a malformed request line or header, headers too large) gets a
  // problem+json answer, not a silent close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const started = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || started?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, reason] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout']
          : [400, 'Bad Request'];
    socket.end(
      rawProblem(
        status as number,
        reason as string,
        'invalid_request',
        `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}).`,
      ),
    );
    socket.setTimeout(closeGraceMs, () => socket.destroy());
  });
  // Node hands CONNECT (and upgrades nobody listens for) to these events, not to the request
  // handler, and drops the connection when no one listens: they get a 405 instead.
  const refuse = (req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => {});
    socket.end(
      rawProblem(405, 'Method Not Allowed', 'method_not_allowed', `${req.method} is not allowed.`),
    );
    socket.setTimeout(closeGraceMs, () => socket.destroy());
  };
  server.on('connect', refuse);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
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
      // Parked polls and held responses are answered first; requests still in flight get
      // `closeGraceMs` (a client may hold a half-sent body forever), then every connection is cut.
      engine.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, closeGraceMs);
        }),
      ]);
      clearTimeout(timer);
      const gone = [...sockets].map(
        (socket) => new Promise((resolve) => socket.once('close', resolve)),
      );
      for (const socket of sockets) socket.destroy();
      await Promise.all([closed, ...gone]);
    },
  };
}
