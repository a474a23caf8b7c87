// The floor the mock server is measured against: a bare node:http server that returns a fixed
// JSON body, either at once or when told to wake the requests it holds.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A bare server: `GET /status` answers `status` at once, `GET /park` waits for `wake()`. */
export interface FloorServer {
  url: string;
  /** Requests held by `/park`. */
  parked(): number;
  /** Answers every held request with `body`, in arrival order. */
  wake(body: string): void;
  close(): Promise<void>;
}

/** Starts the floor server on 127.0.0.1. */
export async function startFloorServer(status: () => string): Promise<FloorServer> {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/park') {
      held.push(res);
      return;
    }
    const body = status();
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    parked: () => held.length,
    wake(body) {
      for (const res of held.splice(0)) {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        });
        res.end(body);
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
