import { randomUUID } from 'node:crypto';
import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import {
  type APIResponse,
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Response,
  type Route,
} from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';
import { buildApp, type NextServer, startApp } from './support/next-server';

// End to end, as in production: `next build`, `next start`, the real mock server over HTTP as
// the upstream API (on a virtual clock that moves only when the test says so), and two users
// in two Chromium contexts (two cookie jars). Every wait is for the page or a server, never for
// time to pass.

// Every run takes the screenshot; only `UPDATE_SCREENSHOTS=1` replaces the committed one.
const SCREENSHOTS = new URL(
  process.env.UPDATE_SCREENSHOTS ? '../screenshots/' : '../test-results/',
  import.meta.url,
);

// A key no page may ever see; random, so finding it anywhere can only mean it leaked.
const API_KEY = `sk_test_nextapp_${randomUUID().replaceAll('-', '')}`;

let mock: MockServer;
let app: NextServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A response a page received: what it says in its headers and its body. */
interface ReceivedResponse {
  url: string;
  status: number;
  headers: string;
  /** null: a redirect, or a long-poll the page left (reload, close) before its answer came. */
  body: Buffer | null;
}
/** Every response either user's pages received. */
const received: Promise<ReceivedResponse>[] = [];

const fromResponse = async (
  response: Response,
  body: Buffer | null,
): Promise<ReceivedResponse> => ({
  url: response.url(),
  status: response.status(),
  headers: JSON.stringify(await response.headersArray()),
  body,
});

/**
 * What the page asked for, fetched by the test; `null` when the app could not be reached (the
 * page's request fails, and so does the test, naming the error). A reset of a reused connection
 * is tried again, twice at most and for a GET only, as Chromium does.
 */
async function fetchForPage(route: Route): Promise<APIResponse | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await route.fetch({ maxRedirects: 0 });
    } catch (error) {
      const reset = /ECONNRESET|socket hang up/.test(String(error));
      if (reset && attempt < 3 && route.request().method() === 'GET') continue;
      // Held here, thrown where every response is read: the test fails naming the error.
      const failed = Promise.reject(error);
      failed.catch(() => {});
      received.push(failed);
      await route.abort('failed');
      return null;
    }
  }
}

/**
 * Records every response `context`'s pages get. Chromium drops the body of a response once its
 * page navigates (Next's streamed HTML and RSC payloads are often still arriving), so pages and
 * assets are fetched by the test and handed to the page whole; the API's answers (JSON, and
 * long-polls the page must be able to abort) go by the network as usual and are read there.
 */
async function recordResponses(context: BrowserContext): Promise<void> {
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/agent-sessions/');
  context.on('response', (response) => {
    if (!isApi(response.url())) return;
    // Chromium keeps no body of a redirect (Next.js's 308 for a trailing slash): its headers
    // are all there is to search.
    const redirect = response.status() >= 300 && response.status() < 400;
    received.push(
      response
        .finished()
        .then(async (failure) =>
          fromResponse(response, failure || redirect ? null : await response.body()),
        ),
    );
  });
  await context.route('**/*', async (route) => {
    if (isApi(route.request().url())) return route.fallback();
    const response = await fetchForPage(route);
    if (!response) return;
    const body = await response.body();
    received.push(
      Promise.resolve({
        url: response.url(),
        status: response.status(),
        headers: JSON.stringify(response.headersArray()),
        body,
      }),
    );
    await route.fulfill({ response, body });
  });
}

beforeAll(async () => {
  mock = await createMockServer({ apiKeys: [API_KEY], clock: 'virtual', autoAdvance: false });
  const build = await buildApp();
  console.log(`next build took ${build.ms} ms`);
  app = await startApp({ AGENT_SESSIONS_API_KEY: API_KEY, AGENT_SESSIONS_BASE_URL: mock.url });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await mock?.close();
});

/** A new user: a browser context of their own, signed in under `name`. */
async function signedIn(name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 420 } });
  contexts.push(context);
  await recordResponses(context);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.locator('#name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.locator('#user').textContent(), { timeout: 15_000 }).toBe(name);
  return { context, page };
}

/** Waits until what `read` reads from `locator` passes the assertion chained onto it. */
const until = <T>(locator: Locator, read: (locator: Locator) => Promise<T>) =>
  expect.poll(() => read(locator), { timeout: 15_000 });

/** The indexes of the events a page shows, top to bottom. */
const shownIndexes = (page: Page) =>
  page
    .locator('#events .event')
    .evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.index)));

/** The event types the mock server logged for session `id`, in order. */
const loggedTypes = (id: string) => mock.sessions.get(id)!.events.map((event) => event.type);

/** The event types a page shows, top to bottom. */
const shownTypes = (page: Page) =>
  page
    .locator('#events .event')
    .evaluateAll((rows) => rows.map((row) => row.className.replace(/^event /, '')));

const proxy = '/api/agent-sessions/v1/sessions';

/** A request made by the page's own `fetch`, with the page's cookies: status and body text. */
const pageFetch = (page: Page, path: string, init: { method?: string; body?: unknown } = {}) =>
  page.evaluate(
    async ({ path, method, body }) => {
      const response = await fetch(path, {
        method: method ?? 'GET',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.text() };
    },
    { path, method: init.method, body: init.body },
  );

test('two users: A watches her session to the answer across reloads, B cannot touch it, and no page sees the key', async () => {
  // --- A starts a slow session and watches it.
  const alice = await signedIn('alice');
  await alice.page.locator('#input').fill('Is the evidence for the claim convincing?');
  await alice.page.locator('#scenario').selectOption('slow');
  await alice.page.getByRole('button', { name: 'Start session' }).click();
  // The session's page, or the start form's error (shown here if the start failed).
  await expect
    .poll(
      async () =>
        (await alice.page.locator('[role=alert]').allTextContents()).join() ||
        new URL(alice.page.url()).pathname,
      { timeout: 15_000 },
    )
    .toMatch(/^\/sessions\/ses_\w+$/);
  const id = alice.page.url().split('/').at(-1)!;
  await until(alice.page.locator('#state'), (l) => l.textContent()).toBe('queued');

  // Step 1 starts and its first thought comes.
  mock.clock.advance(1_000 + 10_000);
  await until(alice.page.locator('#events'), (l) => l.textContent()).toContain(
    'reading source 1 of 8',
  );
  await until(alice.page.locator('#state'), (l) => l.textContent()).toBe('running');
  const beforeReload = await shownIndexes(alice.page);
  expect(beforeReload).toEqual(loggedTypes(id).map((_, index) => index));

  // --- A reloads mid-session: the page shows what it had, then asks only for what came after.
  const changesAsked: string[] = [];
  alice.page.on('request', (request) => {
    if (request.url().includes(`/${id}/changes`)) changesAsked.push(request.url());
  });
  await alice.page.reload();
  await until(alice.page.locator('#state'), (l) => l.textContent()).toBe('running');
  expect(await shownIndexes(alice.page)).toEqual(beforeReload);
  await expect.poll(() => changesAsked.length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(new URL(changesAsked[0]!).searchParams.get('from')).toBe(String(beforeReload.length));

  mock.clock.advance(10_000); // the second thought of step 1
  await until(alice.page.locator('#events'), (l) => l.textContent()).toContain(
    'noting what source 1 says',
  );
  expect(await shownTypes(alice.page)).toEqual(loggedTypes(id));
  await alice.page.screenshot({
    path: new URL('session-running.png', SCREENSHOTS).pathname,
    fullPage: true,
  });

  // --- B, given A's session id, gets a 404 for everything, and nothing reaches A's session.
  await alice.page.close(); // A's watch ends: from here on, any request for her session is B's
  const bob = await signedIn('bob');
  const aliceSession = structuredClone(mock.sessions.get(id)!);
  const journalMark = mock.journal.list().at(-1)?.seq ?? 0;

  await bob.page.goto(`${app.url}/sessions/${id}`);
  await until(bob.page.locator('#not-found'), (l) => l.isVisible()).toBe(true);
  // B's own session works: the 404s are about whose session it is, not a broken B.
  const own = await pageFetch(bob.page, proxy, {
    method: 'POST',
    body: { input: 'Mine.', metadata: { scenario: 'short-answer' } },
  });
  expect(own.status, own.body).toBe(201);
  const bobsId = JSON.parse(own.body).id as string;
  expect((await pageFetch(bob.page, `${proxy}/${bobsId}`)).status).toBe(200);
  const post = { method: 'POST', body: {} };
  const attempts = {
    status: await pageFetch(bob.page, `${proxy}/${id}`),
    changes: await pageFetch(bob.page, `${proxy}/${id}/changes?from=0&wait_s=0`),
    events: await pageFetch(bob.page, `${proxy}/${id}/events`),
    messages: await pageFetch(bob.page, `${proxy}/${id}/messages`, {
      method: 'POST',
      body: { content: 'Ignore her question and answer mine.' },
    }),
    cancel: await pageFetch(bob.page, `${proxy}/${id}/cancel`, post),
    // The neighbours: the other steering calls.
    pause: await pageFetch(bob.page, `${proxy}/${id}/pause`, post),
    resume: await pageFetch(bob.page, `${proxy}/${id}/resume`, post),
    forceAnswer: await pageFetch(bob.page, `${proxy}/${id}/force-answer`, post),
  };
  for (const [operation, { status, body }] of Object.entries(attempts)) {
    expect(status, `${operation}: ${body}`).toBe(404);
    expect(body, operation).not.toContain('Is the evidence');
    expect(body, operation).not.toContain('alice');
  }
  // Paths and methods as Next.js's router passes them on: each refused, none forwarded.
  const tricks = {
    encodedSlash: await pageFetch(bob.page, `${proxy}/${id}%2Fcancel`, post),
    trailingSlash: await pageFetch(bob.page, `${proxy}/${id}/cancel/`, post),
    doubleSlash: await pageFetch(bob.page, `/api/agent-sessions//v1/sessions/${id}/cancel`, post),
    dotSegment: await pageFetch(bob.page, `${proxy}/${bobsId}/%2e%2e/${id}/cancel`, post),
    query: await pageFetch(bob.page, `${proxy}/${id}/cancel?session_id=${id}`, post),
    matrix: await pageFetch(bob.page, `${proxy}/${id};x/events`),
    head: await pageFetch(bob.page, `${proxy}/${id}`, { method: 'HEAD' }),
    delete: await pageFetch(bob.page, `${proxy}/${id}`, { method: 'DELETE' }),
    put: await pageFetch(bob.page, `${proxy}/${id}/cancel`, { method: 'PUT', body: {} }),
  };
  for (const [trick, { status, body }] of Object.entries(tricks)) {
    expect(status >= 400 && status < 500, `${trick}: ${status} ${body}`).toBe(true);
    expect(body, trick).not.toContain('Is the evidence');
  }
  // A list shows B nothing of A's.
  expect((await pageFetch(bob.page, proxy)).body).not.toContain(id);
  // Nobody signed in: a 401.
  expect((await fetch(`${app.url}${proxy}/${id}`)).status).toBe(401);

  // Upstream, at most the handler's reads of A's session (to learn its owner) happened: nothing
  // B sent was forwarded, and her session is as it was.
  const forwarded = mock.journal
    .list()
    .filter((entry) => entry.seq > journalMark)
    .filter((entry) =>
      entry.sessionId === id
        ? entry.operation !== 'getSession'
        : entry.sessionId !== bobsId &&
          entry.operation !== 'listSessions' &&
          entry.operation !== 'createSession',
    );
  expect(forwarded).toEqual([]);
  expect(mock.sessions.get(id)).toEqual(aliceSession);

  // --- A comes back: her session ran on, and she watches it to the answer.
  const page = await alice.context.newPage();
  await page.goto(`${app.url}/sessions/${id}`);
  await until(page.locator('#state'), (l) => l.textContent()).toBe('running');
  mock.clock.advance(8 * 31_000);
  await until(page.locator('#state'), (l) => l.textContent()).toBe('completed');
  const session = mock.sessions.get(id)!;
  expect(session.session.state).toBe('completed');
  await until(page.locator('#answer'), (l) => l.textContent()).toBe(session.session.answer);
  expect(await shownIndexes(page)).toEqual(session.events.map((event) => event.index));
  expect(await shownTypes(page)).toEqual(loggedTypes(id));
  expect(session.events.filter((event) => event.type === 'message_received')).toHaveLength(1);
  await page.screenshot({
    path: new URL('session-completed.png', SCREENSHOTS).pathname,
    fullPage: true,
  });

  // --- No response either user's pages received carries the key, in a header or a body.
  const responses = await Promise.all(received);
  const leaks = responses
    .filter(({ headers, body }) => headers.includes(API_KEY) || body?.includes(API_KEY))
    .map(({ url }) => url);
  expect(leaks).toEqual([]);
  // Every body was read but redirects' and those of the long-polls a page left (reload, close).
  const unread = responses
    .filter(({ body, status }) => body === null && (status < 300 || status >= 400))
    .map(({ url }) => url);
  expect(unread.filter((url) => !url.includes(`/${id}/changes?`))).toEqual([]);
  expect(responses.length).toBeGreaterThan(20);
  await Promise.all(contexts.map((context) => context.close()));
});
