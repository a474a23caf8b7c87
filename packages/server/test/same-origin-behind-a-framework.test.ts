import { afterEach, beforeEach, expect, it } from 'vitest';
import { BASE_PATH, type TwoUsers, twoUsers } from './support/two-users.js';

// Next.js (`next start`) hands a route handler a Request whose URL is built from its own host
// name, `http://localhost:PORT/...`, whatever the browser asked for: the page's Origin is
// `https://app.example` (the Host header's). Found by examples/next-app's end-to-end test, where
// every POST from the app's own page was a 403.

let app: TwoUsers;
beforeEach(async () => {
  app = await twoUsers();
});
afterEach(() => app.close());

const START = JSON.stringify({ input: 'Hi.', metadata: { scenario: 'slow' } });

/** A POST as Next.js passes it on: URL on localhost, the browser's Host and headers. */
const startAsNextPassesIt = (headers: Record<string, string>) =>
  app.handler(
    new Request(`http://localhost:3000${BASE_PATH}/v1/sessions`, {
      method: 'POST',
      body: START,
      headers: { cookie: 'sid=alice', 'content-type': 'application/json', ...headers },
    }),
  );

it("lets in the app's own page when the framework rebuilt request.url from another host name", async () => {
  const response = await startAsNextPassesIt({
    host: 'app.example',
    origin: 'https://app.example',
    'sec-fetch-site': 'same-origin',
  });
  expect(response.status, await response.clone().text()).toBe(201);
});

it('lets in a same-origin page of a browser that sends no Sec-Fetch-Site (Origin matches Host)', async () => {
  const response = await startAsNextPassesIt({
    host: 'app.example:8443',
    origin: 'https://app.example:8443',
  });
  expect(response.status, await response.clone().text()).toBe(201);
});

it('still refuses another site, and forwards nothing for it', async () => {
  const attempts: Record<string, string>[] = [
    { host: 'app.example', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    { host: 'app.example', origin: 'https://sub.app.example', 'sec-fetch-site': 'same-site' },
    // A browser without Sec-Fetch-Site: the Origin is all there is.
    { host: 'app.example', origin: 'https://evil.example' },
    { host: 'app.example', origin: 'https://app.example:444' },
    { host: 'app.example', origin: 'https://app.example.evil' },
    { host: 'app.example', origin: 'null' },
    { host: 'app.example', origin: 'not a url' },
    // An Origin that matches request.url's host but not the Host the browser sent.
    { host: 'app.example', origin: 'https://localhost:3000', 'sec-fetch-site': 'cross-site' },
  ];
  for (const headers of attempts) {
    const response = await startAsNextPassesIt(headers);
    expect(response.status, JSON.stringify(headers)).toBe(403);
  }
  expect(app.mock.journal.count({ operation: 'createSession' })).toBe(0);
});
