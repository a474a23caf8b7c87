/**
 * `createMockServer`: the engine behind Node's `http` server on 127.0.0.1, with an in-process
 * `fetch`, connection tracking and a graceful close.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setImmediate, setTimeout } from 'node:timers';
import type { MockAdmin } from '../admin/routes.js';
import type { EngineResponse } from '../api/engine-request.js';
import type { ClockOption, HostTime } from '../engine/clock.js';
import { MockEngine, type MockEngineOptions } from '../engine/mock-engine.js';
import { MAX_TIMER_MS, nonNegativeInt, optionalFunction } from '../engine/option-checks.js';
import { scenarios } from '../fixture/catalog.js';
import type { Fixture } from '../fixture/fixture.js';
import { adapterProblem, rawProblem } from './adapter-problem.js';
import { loadFixtureDir } from './fixture-dir.js';
import { type IncomingEngineRequest, incomingRequest } from './incoming-request.js';
import { writeResponse } from './write-response.js';

// node:timers and a captured performance.now, not the globals: fake timers installed by a
// test cannot freeze the server.
const monotonic = performance.now.bind(performance);
const nodeHostTime: HostTime = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  monotonic,
  wall: () => performance.timeOrigin + monotonic(),
};

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
   * How long `close()` lets requests in flight finish before it cuts their connections, in ms
   * (a client may hold a half-sent body forever). Default 1000. Example: 0 (cut at once).
   */
  closeGraceMs?: number;
  /**
   * Sees every response before it is sent (a copy), e.g. to check it against the spec.
   * Default none. Faulted responses carry an `X-Mock-Fault` header naming the fault. Setting it
   * costs a web Request and Response per request; a request no web Request can express (a
   * `TRACE`, a malformed target) is not shown.
   */
  onResponse?: (request: Request, response: Response) => void;
}

/**
 * A running mock server: the engine's admin surface ({@link MockAdmin}: sessions, clock,
 * faults, journal, stats, reset) plus its address, an in-process `fetch` and `close()`.
 */
export interface MockServer extends MockAdmin {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** The same server in-process, without a socket. Relative URLs resolve against {@link url}. */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** The server's clock: `now()` in ms since the epoch, `advance(ms)`, and its `mode`. */
  readonly clock: MockAdmin['clock'] & { readonly mode: 'virtual' | 'real' };
  /** The scenario names sessions can pick with `metadata.scenario`. */
  readonly scenarioNames: string[];
  /**
   * Answers parked polls, lets requests in flight finish for up to `closeGraceMs`, then cuts
   * every connection and frees the port. Resolves within about `closeGraceMs` whatever clients do.
   */
  close(): Promise<void>;
}

// A web Request for `onResponse`, or undefined when none can express this one.
function webRequestOf(request: IncomingEngineRequest, origin: string): Request | undefined {
  try {
    const url = request.url.startsWith('/') ? `${origin}${request.url}` : request.url;
    const headers = new Headers();
    for (const name of ['authorization', 'content-type', 'idempotency-key', 'origin']) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    return new Request(url, { method: request.method, headers });
  } catch {
    return undefined;
  }
}

// The response as it will be written, with a copy of it shown to `observe` once its body is
// known (at once for a string; after the last chunk for a dribbled one).
function observed(
  response: EngineResponse,
  method: string,
  onCopy: (copy: Response) => void,
): EngineResponse {
  // The observer is the caller's code: if it throws, the client still gets its answer.
  const observe = (copy: Response) => {
    try {
      onCopy(copy);
    } catch (error) {
      console.error('agent-sessions-mock: onResponse threw', error);
    }
  };
  if (response.reset) return response;
  const noBody = method === 'HEAD' || response.status === 204 || response.status === 304;
  const copy = (body: string) =>
    new Response(noBody ? null : body, { status: response.status, headers: response.headers });
  const { body } = response;
  if (typeof body === 'string') {
    observe(copy(body));
    return response;
  }
  return {
    ...response,
    body: {
      async *[Symbol.asyncIterator]() {
        const chunks: Uint8Array[] = [];
        try {
          for await (const chunk of body) {
            chunks.push(chunk);
            yield chunk;
          }
        } finally {
          observe(copy(Buffer.concat(chunks).toString('utf8')));
        }
      },
    },
  };
}

/**
 * Node closes a `Connection: close` socket as soon as the answer is written. With the client's
 * unread body still arriving, that close is a TCP reset, which can destroy the answer before
 * the client reads it. Instead: send the answer and a FIN, read nothing more, and cut the
 * connection after `lingerMs` (or when the server closes).
 */
function lingerInsteadOfReset(socket: Socket, lingerMs: number): void {
  socket.destroySoon = () => {
    socket.pause();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
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
  // Checked before anything starts: a bad grace period used to surface as an uncaught
  // RangeError on the first malformed request, taking the process down.
  const closeGraceMs = nonNegativeInt(
    options.closeGraceMs,
    DEFAULT_CLOSE_GRACE_MS,
    'closeGraceMs',
    MAX_TIMER_MS,
  );
  optionalFunction(options.onResponse, 'onResponse');
  const fixtures =
    typeof options.fixtures === 'string'
      ? await loadFixtureDir(options.fixtures)
      : (options.fixtures ?? Object.values(scenarios));
  const engine = new MockEngine({
    ...options,
    fixtures,
    timers: nodeHostTime,
    defer: (fn) => setImmediate(fn),
  });
  const { onResponse } = options;
  // The request each connection is answering (Node answers one at a time per connection).
  const answering = new WeakMap<Socket, IncomingEngineRequest>();
  // Requests being answered, and who waits for there to be none (close()).
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const settle = () => {
    inFlight -= 1;
    if (inFlight === 0) drained?.();
  };
  const sockets = new Set<Socket>();
  let origin = '';

  const respond = async (
    req: IncomingMessage,
    res: ServerResponse,
    expectsContinue: boolean,
  ): Promise<void> => {
    const request = incomingRequest(req, res, expectsContinue);
    answering.set(req.socket, request);
    let response: EngineResponse;
    try {
      response = await engine.serve(request);
    } catch (error) {
      // serve() never rejects by contract; this keeps the process up if it ever does.
      console.error('agent-sessions-mock: request failed', error);
      response = adapterProblem(500, 'internal_error', 'The mock server failed to answer.');
    }
    if (onResponse) {
      const web = webRequestOf(request, origin);
      if (web) response = observed(response, request.method, (copy) => onResponse(web, copy));
    }
    // A body left unread (refused before reading, or past the limit) is not read to its end to
    // keep the connection: the connection closes after the answer instead.
    const unread = !req.complete && !request.bodyDone;
    if (unread) lingerInsteadOfReset(req.socket, closeGraceMs);
    await writeResponse(res, response, unread ? { Connection: 'close' } : {});
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse, expectsContinue = false) => {
    // A client that leaves mid-body makes the request emit 'error'; 'close' handles it.
    req.on('error', () => {});
    res.on('error', () => {});
    inFlight += 1;
    respond(req, res, expectsContinue).then(settle, (error: unknown) => {
      console.error('agent-sessions-mock: could not send a response', error);
      res.destroy();
      settle();
    });
  };
  const server = createServer((req, res) => onRequest(req, res));
  // Node would answer `Expect: 100-continue` at once, inviting the body before auth: the
  // adapter answers it when the engine asks for the body (see incomingRequest).
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) =>
    onRequest(req, res, true),
  );
  // What Node's parser refuses (a malformed request line or header, headers too large) gets a
  // problem+json answer, not a silent close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (pending && !pending.writableFinished) {
      // Bytes after a request still being answered (pipelined garbage, data after
      // `Connection: close`): that answer goes out first and whole, then the connection closes.
      // A body cut short by the error fails to read (the engine answers 400).
      answering.get(socket)?.abandonBody();
      if (!pending.headersSent) pending.setHeader('Connection', 'close');
      pending.once('finish', () => socket.end());
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
  // Node hands CONNECT to this event, not to the request handler, and drops the connection
  // when no one listens: it gets a 405 instead.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => {});
    socket.end(
      rawProblem(405, 'Method Not Allowed', 'method_not_allowed', `${req.method} is not allowed.`),
    );
    socket.setTimeout(closeGraceMs, () => socket.destroy());
  });
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
    fetch: async (input, init) => {
      const request =
        input instanceof Request
          ? new Request(input, init)
          : new Request(new URL(input, origin), init);
      const response = await engine.handle(request);
      onResponse?.(request, response.clone());
      return response;
    },
    clock: {
      get mode() {
        return engine.clock.mode;
      },
      now: () => engine.clock.now(),
      advance: (ms) => engine.clock.advance(ms),
    },
    sessions: engine.sessions,
    faults: engine.faults,
    journal: engine.journal,
    scenarioNames: engine.scenarioNames,
    reset: () => engine.reset(),
    stats: () => engine.stats(),
    close: async () => {
      // Parked polls and held responses are answered first; requests still in flight get
      // `closeGraceMs`, then every connection is cut.
      engine.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          timer = setTimeout(resolve, closeGraceMs);
        });
      }
      clearTimeout(timer);
      const gone = [...sockets].map(
        (socket) => new Promise((resolve) => socket.once('close', resolve)),
      );
      for (const socket of sockets) socket.destroy();
      await Promise.all([closed, ...gone]);
    },
  };
}
