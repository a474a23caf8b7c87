// Socket-level attacks on the Node adapter, each one that knocked the server over or left a
// client without an answer. Raw sockets, because no HTTP client sends these.
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { createMockServer, type MockServer, type MockServerOptions } from '../../src/index.js';
import { api } from '../support/server.js';
import { open, rawReply, readReply } from './raw-http.js';

async function start(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await createMockServer(options);
  onTestFinished(() => server.close());
  return server;
}

function opened(url: string): Promise<Socket> {
  return open(url).then((socket) => {
    onTestFinished(() => {
      socket.destroy();
    });
    return socket;
  });
}

const host = (server: MockServer) => new URL(server.url).host;

/** The server still answers: a plain authorised GET gets its 200. */
async function stillUp(server: MockServer): Promise<void> {
  const reply = await rawReply(
    server.url,
    `GET /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nConnection: close\r\n\r\n`,
  );
  expect(reply.status).toBe(200);
}

function expectProblem(reply: { status: number; headers: Record<string, string>; json: any }) {
  expect(reply.headers['content-type']).toBe('application/problem+json');
  expect(reply.json).toMatchObject({ status: reply.status, code: expect.any(String) });
  expect(reply.json.request_id).toEqual(expect.any(String));
}

describe('socket-level attacks on the Node adapter', () => {
  test.each(['TRACE', 'FOO', 'CONNECT'])(
    '%s /v1/sessions (a method web Requests refuse) gets a 4xx problem+json, the server stays up',
    async (method) => {
      const server = await start();
      const target = method === 'CONNECT' ? host(server) : '/v1/sessions';
      const reply = await rawReply(
        server.url,
        `${method} ${target} HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nConnection: close\r\n\r\n`,
      );
      expect([400, 405]).toContain(reply.status);
      expectProblem(reply);
      await stillUp(server);
    },
  );

  test('a request asking for an upgrade (Upgrade: websocket) gets an answer, not a dropped connection', async () => {
    const server = await start();
    const reply = await rawReply(
      server.url,
      `GET /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
    );
    expect(reply.status).toBeLessThan(500);
    await stillUp(server);
  });

  test('an onResponse observer that throws does not cost the client its answer or the server its life', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => errors.mockRestore());
    const server = await start({
      onResponse: () => {
        throw new Error('observer bug');
      },
    });
    const reply = await rawReply(
      server.url,
      `GET /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(200);
    expect(errors).toHaveBeenCalledWith('agent-sessions-mock: onResponse threw', expect.any(Error));
    await stillUp(server);
  });

  test('a CORS preflight (204) carries no Content-Length and no body', async () => {
    const server = await start();
    const reply = await rawReply(
      server.url,
      `OPTIONS /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nOrigin: http://localhost:5173\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(204);
    expect(reply.headers['content-length']).toBeUndefined();
    expect(reply.body).toBe('');
  });

  test('GET /v1/sessions/%ZZ (a malformed escape) gets a 4xx problem+json, the server stays up', async () => {
    const server = await start();
    const reply = await rawReply(
      server.url,
      `GET /v1/sessions/%ZZ HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expectProblem(reply);
    await stillUp(server);
  });

  test('a dribble fault reaches the socket chunk by chunk, whole, in order', async () => {
    const server = await start();
    server.faults.add({ operation: 'listSessions', kind: 'dribble', chunkBytes: 8, pauseMs: 2 });
    const socket = await opened(server.url);
    const pieces: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => pieces.push(chunk));
    const reply = readReply(socket);
    socket.write(
      `GET /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\n\r\n`,
    );
    const outcome = await reply;
    expect(outcome.kind).toBe('reply');
    if (outcome.kind !== 'reply') return;
    expect(outcome.reply.status).toBe(200);
    expect(outcome.reply.headers['x-mock-fault']).toBe('dribble');
    expect(JSON.parse(outcome.reply.body)).toMatchObject({ data: [], has_more: false });
    // Written as it came: many small writes, not one buffered body.
    expect(pieces.length).toBeGreaterThan(2);
  });

  test('GET //[ (curl -g --path-as-is) gets a 4xx problem+json, the server stays up', async () => {
    const server = await start();
    const reply = await rawReply(
      server.url,
      `GET //[ HTTP/1.1\r\nHost: ${host(server)}\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expectProblem(reply);
    await stillUp(server);
  });

  test('an absolute-form request line with a bad port (GET http://a:99999/) gets a 400 problem+json', async () => {
    const server = await start();
    const reply = await rawReply(
      server.url,
      `GET http://a:99999/ HTTP/1.1\r\nHost: ${host(server)}\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(400);
    expectProblem(reply);
    await stillUp(server);
  });

  test.each([
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    ['a header with a NUL byte', 'GET /v1/sessions HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n'],
    ['a header line without a colon', 'GET /v1/sessions HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n'],
    [
      'two Content-Length headers that disagree',
      'POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    ],
    [
      'a bad chunk size in a body the server reads',
      'POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    ],
  ])('%s (Node clientError) gets a 400 problem+json, not a silent close', async (_, request) => {
    const server = await start();
    const reply = await rawReply(server.url, request);
    expect(reply.status).toBe(400);
    expectProblem(reply);
    expect(reply.headers.connection).toBe('close');
    await stillUp(server);
  });

  test.each([
    ['data after a Connection: close request', 'Connection: close\r\n', '0\r\n\r\n'],
    ['a pipelined request line that is not HTTP', '', 'HELLO THERE\r\n\r\n'],
    [
      'data after a whole body sent with Connection: close',
      'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n',
      '{}GARBAGE',
    ],
  ])(
    '%s: the earlier request is answered first and whole, then the connection closes',
    async (_, connection, after) => {
      const server = await start();
      const { body } = await api(server).create({ input: 'x', metadata: { scenario: 'slow' } });
      const socket = await opened(server.url);
      const reply = readReply(socket);
      socket.write(
        `POST /v1/sessions/${body.id}/pause HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\n${connection}\r\n${after}`,
      );
      const outcome = await reply;
      expect(outcome.kind).toBe('reply');
      if (outcome.kind !== 'reply') return;
      expect(outcome.reply.status).toBe(200);
      expect(JSON.parse(outcome.reply.body)).toMatchObject({ id: body.id, state: 'paused' });
      await once(socket, 'close');
    },
  );

  test('headers larger than Node allows get a 431 problem+json', async () => {
    const server = await start();
    const reply = await rawReply(
      server.url,
      `GET /v1/sessions HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    expect(reply.status).toBe(431);
    expectProblem(reply);
    await stillUp(server);
  });

  test('close() completes within its grace while a client holds a half-sent body', async () => {
    const server = await createMockServer({ closeGraceMs: 200 });
    const socket = await opened(server.url);
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"input":`,
    );
    const cut = once(socket, 'close');
    // Wait until the server has the request (it is then in flight, waiting for the body).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await server.close();
    // Generous: the grace is 200 ms, and a hang was minutes (Node's requestTimeout).
    expect(performance.now() - started).toBeLessThan(5_000);
    await cut;
  });

  test('close() completes while a client holds a half-sent request line', async () => {
    const server = await createMockServer({ closeGraceMs: 200 });
    const socket = await opened(server.url);
    socket.write('GET /v1/sess');
    const cut = once(socket, 'close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    await cut;
  });

  test('a body declared larger than the limit is refused with a 413 before any of it is sent', async () => {
    const server = await start({ maxBodyBytes: 1024 });
    const reply = await rawReply(
      server.url,
      `POST /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`,
    );
    expect(reply.status).toBe(413);
    expectProblem(reply);
    expect(server.stats().sessions).toBe(0);
    await stillUp(server);
  });

  test('a streamed (chunked) body past the limit gets a 413 and is not read to its end', async () => {
    const server = await start();
    const socket = await opened(server.url);
    const reply = readReply(socket, 30_000);
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const sent = await sendUntilAnswered(socket, reply, 300 * 1024 * 1024);
    const outcome = await reply;
    expect(outcome.kind).toBe('reply');
    if (outcome.kind !== 'reply') return;
    expect(outcome.reply.status).toBe(413);
    // 300 MB were on offer; the server stopped reading past 1 MiB (what the kernel's socket
    // buffers absorbed on top is all that left the client).
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(server.stats().sessions).toBe(0);
    await stillUp(server);
  });

  test('a 300 MB unauthenticated POST gets its 401 before the body is read', {
    timeout: 30_000,
  }, async () => {
    const server = await start({ maxBodyBytes: 1024 * 1024 * 1024 });
    const socket = await opened(server.url);
    const reply = readReply(socket, 30_000);
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`,
    );
    const sent = await sendUntilAnswered(socket, reply, 300 * 1024 * 1024, false);
    const outcome = await reply;
    expect(outcome.kind).toBe('reply');
    if (outcome.kind !== 'reply') return;
    expect(outcome.reply.status).toBe(401);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    await stillUp(server);
  });
});

describe('Expect: 100-continue (curl sends it for bodies over 1 MB)', () => {
  /** Reads until `done(data)` says enough arrived; resolves with everything read. */
  function readUntil(socket: Socket, done: (data: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      let data = '';
      const timer = setTimeout(() => reject(new Error(`stuck after: ${data}`)), 10_000);
      socket.on('data', (chunk: Buffer) => {
        data += chunk.toString('latin1');
        if (done(data)) {
          clearTimeout(timer);
          resolve(data);
        }
      });
    });
  }

  test('an unauthenticated POST is answered 401 without being invited to send its body', async () => {
    const server = await start();
    const socket = await opened(server.url);
    const read = readUntil(socket, (data) => /\r\n\r\n\{.*\}$/s.test(data));
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\nExpect: 100-continue\r\n\r\n`,
    );
    const data = await read;
    expect(data).not.toContain('100 Continue');
    expect(data).toMatch(/^HTTP\/1\.1 401 /);
  });

  test('an authorised POST gets its 100 Continue, then its answer', async () => {
    const server = await start();
    const socket = await opened(server.url);
    const body = JSON.stringify({ input: 'continue' });
    const invited = readUntil(socket, (data) => data.includes('100 Continue\r\n\r\n'));
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await invited;
    socket.removeAllListeners('data');
    const reply = readReply(socket);
    socket.write(body);
    const outcome = await reply;
    expect(outcome.kind === 'reply' && outcome.reply.status).toBe(201);
  });

  test('a body declared past the limit is answered 413 without being invited', async () => {
    const server = await start({ maxBodyBytes: 1024 });
    const socket = await opened(server.url);
    const read = readUntil(socket, (data) => /\r\n\r\n\{.*\}$/s.test(data));
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: ${host(server)}\r\nAuthorization: Bearer test-key\r\nContent-Type: application/json\r\nContent-Length: 4096\r\nExpect: 100-continue\r\n\r\n`,
    );
    const data = await read;
    expect(data).not.toContain('100 Continue');
    expect(data).toMatch(/^HTTP\/1\.1 413 /);
  });
});

/**
 * Writes up to `total` bytes of body (chunked framing unless `chunked` is false), honouring
 * backpressure, until the reply arrives or the connection closes; returns the bytes written.
 */
async function sendUntilAnswered(
  socket: Socket,
  reply: Promise<unknown>,
  total: number,
  chunked = true,
): Promise<number> {
  let answered = false;
  reply.then(
    () => {
      answered = true;
    },
    () => {
      answered = true;
    },
  );
  const piece = Buffer.alloc(64 * 1024, 'a');
  const frame = chunked
    ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
    : piece;
  let sent = 0;
  while (!answered && sent < total && !socket.destroyed) {
    sent += piece.length;
    if (!socket.write(frame)) {
      await Promise.race([once(socket, 'drain'), once(socket, 'close'), reply]);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return sent;
}
