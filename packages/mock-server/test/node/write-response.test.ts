// The adapter's writer over a real socket, for answers the engine should never build: the
// client still gets an answer.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, onTestFinished, test, vi } from 'vitest';
import type { EngineResponse } from '../../src/api/engine-request.js';
import { writeResponse } from '../../src/node/write-response.js';
import { rawReply } from './raw-http.js';

async function serve(response: EngineResponse): Promise<string> {
  const server = createServer((_, res) => {
    writeResponse(res, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test.each([
  ['a header value with a control byte', { status: 200, headers: { 'X-Bad': 'a\u0001b' } }],
  ['a header name that is not a token', { status: 200, headers: { 'Bad Name': 'x' } }],
  ['a status out of range', { status: 1000, headers: {} }],
])('%s becomes a 500 problem+json, not a dropped connection', async (_, { status, headers }) => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  onTestFinished(() => errors.mockRestore());
  for (const body of ['{}', (async function* () {})()]) {
    const url = await serve({ status, headers, body } as EngineResponse);
    const reply = await rawReply(url, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(reply.status).toBe(500);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.json).toMatchObject({ status: 500, code: 'internal_error' });
  }
  expect(errors).toHaveBeenCalled();
});
