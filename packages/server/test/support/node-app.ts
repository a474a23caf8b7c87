import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionsHandler } from '../../src/index.js';
import { toNodeHandler } from '../../src/node/index.js';

/** The handler served by Node's `http` through the package's adapter, on 127.0.0.1. */
export interface NodeApp {
  url: string;
  server: Server;
  /** Sends a request with exactly this target (no URL parsing on the way), and reads the answer. */
  raw(
    method: string,
    target: string,
    headers?: Record<string, string>,
    body?: string,
  ): Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>;
  close(): Promise<void>;
}

export async function nodeApp(handler: SessionsHandler): Promise<NodeApp> {
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    raw: (method, target, headers = {}, body) =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest(
          { host: '127.0.0.1', port, method, path: target, headers },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode!,
                headers: response.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
