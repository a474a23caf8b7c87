// Runs in a dedicated web worker (see worker.test.ts): the SDK and the store where there is no
// page, no `window` and no DOM; the network events live on the worker's global scope.
import { AgentSessions, createSessionStore, type SessionSnapshot } from '../src/index.ts';

addEventListener('message', async (message: MessageEvent<{ url: string }>) => {
  try {
    const client = new AgentSessions({
      apiKey: 'test-key',
      dangerouslyAllowBrowser: true,
      baseUrl: message.data.url,
      maxRetries: 0,
    });
    const watched = await client.sessions.start({
      input: 'x',
      metadata: { scenario: 'tool-calls' },
    });
    const indexes: number[] = [];
    for await (const event of watched.watch()) indexes.push(event.index);
    const stored = await client.sessions.start({
      input: 'x',
      metadata: { scenario: 'delegation' },
    });
    const store = createSessionStore(stored);
    const final = await new Promise<SessionSnapshot>((resolve) => {
      const unsubscribe = store.subscribe(() => {
        if (store.getSnapshot().done) {
          unsubscribe();
          resolve(store.getSnapshot());
        }
      });
    });
    postMessage({
      watched: { id: watched.id, indexes },
      store: { id: stored.id, saved: store.save(), error: final.error?.message ?? null },
    });
  } catch (error) {
    postMessage({ failure: String(error) });
  }
});
