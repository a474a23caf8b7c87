// A server render in Node (Next.js, Remix): no window, no document. useSession shows the
// snapshot it was given and asks the server nothing; a store made from the same session in
// Node afterwards still watches it to the end.
import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AgentSessions,
  AgentSessionsProvider,
  createSessionStore,
  type SavedSession,
} from '../../src/index.ts';
import { Probe } from '../probe.tsx';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ autoAdvance: false });
});
afterAll(() => server?.close());

function trackedClient() {
  const requests: string[] = [];
  const client = new AgentSessions({
    apiKey: async () => 'test-key',
    baseUrl: server.url,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(input instanceof Request ? input.url : String(input));
      return globalThis.fetch(input, init);
    },
  });
  return { client, requests };
}

/** Watches `id` in Node until `enough` events came, and saves the snapshot. */
async function savedAfter(client: AgentSessions, id: string, enough: number) {
  const store = createSessionStore(client.sessions.get(id));
  const saved = await new Promise<SavedSession>((resolve) => {
    const unsubscribe = store.subscribe(() => {
      if (store.getSnapshot().event_count < enough) return;
      unsubscribe();
      resolve(store.save());
    });
    server.clock.advance(40_000);
  });
  store.stop();
  return JSON.parse(JSON.stringify(saved)) as SavedSession;
}

const indexesIn = (html: string) =>
  [...html.matchAll(/data-index="(\d+)"/g)].map((m) => Number(m[1]));

describe('server render in Node', () => {
  test('renderToString shows the saved snapshot and makes no request', async () => {
    const { client, requests } = trackedClient();
    const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
    const saved = await savedAfter(client, session.id, 5);
    requests.length = 0;

    const html = renderToString(
      <AgentSessionsProvider client={client}>
        <Probe id={session.id} options={{ initial: saved }} />
      </AgentSessionsProvider>,
    );
    expect(indexesIn(html)).toEqual(saved.events.map((event) => event.index));
    expect(html).toContain(`data-state="${saved.state}"`);
    // Let anything a render might have started run before counting.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toEqual([]);
    expect(server.stats().parked).toBe(0);
  });

  test('without a snapshot it renders an empty session, still with no request', async () => {
    const { client, requests } = trackedClient();
    const html = renderToString(<Probe id="ses_anything" options={{ client }} />);
    expect(html).toContain('data-state="none"');
    expect(indexesIn(html)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toEqual([]);
  });
});
