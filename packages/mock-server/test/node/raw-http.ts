import { connect, type Socket } from 'node:net';

/** One HTTP/1.1 response as read off a raw socket. */
export interface RawReply {
  status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
}

/** What became of a raw request: a reply, or the connection closed without one. */
export type RawOutcome = { kind: 'reply'; reply: RawReply } | { kind: 'closed'; received: string };

/**
 * Parses the first complete HTTP/1.1 response at the start of `data` (Content-Length or
 * chunked body); undefined while it is incomplete.
 */
export function parseReply(data: Buffer, untilClose = false, head = false): RawReply | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine!)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = data.subarray(end + 4);
  // A HEAD reply, a 204 and a 304 have no body, whatever their headers say.
  if (head || status === 204 || status === 304) return { status, headers, body: '' };
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const chunks: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
      if (size === 0) return { status, headers, body: Buffer.concat(chunks).toString('utf8') };
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  if (headers['content-length'] === undefined) {
    return untilClose ? { status, headers, body: rest.toString('utf8') } : undefined;
  }
  const length = Number(headers['content-length']);
  if (rest.length < length) return undefined;
  return { status, headers, body: rest.subarray(0, length).toString('utf8') };
}

/** Opens a TCP connection to an `http://host:port` URL. */
export function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Reads from `socket` until one complete response arrived (resolved as a reply) or the
 * connection ended without one (resolved as `closed`). Rejects after `timeoutMs` of silence:
 * a server that neither answers nor hangs up is the bug these tests look for.
 */
export function readReply(socket: Socket, timeoutMs = 10_000, head = false): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      finish();
      socket.destroy();
      reject(new Error(`no reply within ${timeoutMs} ms; received: ${data.toString('latin1')}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const reply = parseReply(data, false, head);
      if (reply) {
        finish();
        resolve({ kind: 'reply', reply });
      }
    };
    const onEnd = () => {
      finish();
      const reply = parseReply(data, true, head);
      resolve(reply ? { kind: 'reply', reply } : { kind: 'closed', received: data.toString() });
    };
    const finish = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onEnd);
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onEnd);
  });
}

/**
 * Sends `request` (any bytes: these tests send what no HTTP client would) on a new connection
 * and reads one response. The socket is destroyed afterwards.
 */
export async function rawRequest(
  url: string,
  request: string | Buffer,
  timeoutMs = 10_000,
): Promise<RawOutcome> {
  if (typeof request === 'string') request = Buffer.from(request, 'latin1');
  const socket = await open(url);
  try {
    const head = Buffer.from(request.subarray(0, 5)).toString('latin1') === 'HEAD ';
    const outcome = readReply(socket, timeoutMs, head);
    socket.write(request);
    return await outcome;
  } finally {
    socket.destroy();
  }
}

/** `rawRequest` that must get a reply; its body parsed as JSON when it is JSON. */
export async function rawReply(
  url: string,
  request: string | Buffer,
): Promise<RawReply & { json: any }> {
  const outcome = await rawRequest(url, request);
  if (outcome.kind !== 'reply') {
    throw new Error(`the server closed the connection without a reply: ${outcome.received}`);
  }
  const { reply } = outcome;
  let json: unknown;
  try {
    json = JSON.parse(reply.body);
  } catch {
    json = undefined;
  }
  return { ...reply, json };
}
