// A minimal HTTP/1.1 keep-alive client over one raw socket, so that the benchmark measures the
// servers rather than a client's own machinery (fetch costs more per request than the servers).
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Wall-clock ms with sub-ms precision, comparable between processes on one machine. */
export const wall = (): number => performance.timeOrigin + performance.now();

/** One response: status, body, and the wall time its last byte arrived. */
export interface RawResponse {
  status: number;
  body: string;
  at: number;
}

/** One keep-alive connection; requests on it go one after another. */
export class Connection {
  #socket: Socket;
  #data: Buffer = Buffer.alloc(0);
  #pending: ((response: RawResponse) => void) | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#data = this.#data.length === 0 ? chunk : Buffer.concat([this.#data, chunk]);
      this.#drain();
    });
  }

  /** Connects to `http://host:port`. */
  static open(url: string): Promise<Connection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () =>
        resolve(new Connection(socket)),
      );
      socket.once('error', reject);
    });
  }

  /** Sends a GET and resolves with the response. */
  get(path: string, headers: string): Promise<RawResponse> {
    return new Promise((resolve) => {
      this.#pending = resolve;
      this.#socket.write(`GET ${path} HTTP/1.1\r\nHost: bench\r\n${headers}\r\n`);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #drain(): void {
    const end = this.#data.indexOf('\r\n\r\n');
    if (end < 0 || !this.#pending) return;
    const head = this.#data.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const rest = this.#data.subarray(end + 4);
    let body: Buffer;
    let used: number;
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (length) {
      const size = Number(length[1]);
      if (rest.length < size) return;
      body = rest.subarray(0, size);
      used = size;
    } else {
      // Chunked.
      const chunks: Buffer[] = [];
      let at = 0;
      for (;;) {
        const lineEnd = rest.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = Number.parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
        if (rest.length < lineEnd + 2 + size + 2) return;
        chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
      body = Buffer.concat(chunks);
      used = at;
    }
    const at = wall();
    this.#data = rest.subarray(used);
    const resolve = this.#pending;
    this.#pending = undefined;
    resolve({ status, body: body.toString('utf8'), at });
  }
}
