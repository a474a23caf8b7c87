// A service worker that runs the mock engine itself (test/engine-in-service-worker.test.ts):
// the engine entry must load and its real clock's timers must run in a ServiceWorkerGlobalScope.
import { MockEngine, scenarios } from '@agent-sessions/mock-server/engine';

// The little of ServiceWorkerGlobalScope used here (the WebWorker lib would retype the whole
// test program, src included).
declare const self: {
  addEventListener(type: 'install', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  skipWaiting(): Promise<void>;
};

const AUTH = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };

/** Plays one `short-answer` session on a real clock 100x faster; returns its events and state. */
async function playOneSession(): Promise<{ types: string[]; state: string }> {
  const engine = new MockEngine({
    fixtures: Object.values(scenarios),
    clock: { mode: 'real', speed: 100 },
  });
  try {
    const base = 'https://api.agent-sessions.dev/v1/sessions';
    const created = await engine.handle(
      new Request(base, { method: 'POST', headers: AUTH, body: JSON.stringify({ input: 'hi' }) }),
    );
    const { id } = (await created.json()) as { id: string };
    const types: string[] = [];
    for (let done = false; !done; ) {
      const response = await engine.handle(
        new Request(`${base}/${id}/changes?from=${types.length}&wait_s=30`, { headers: AUTH }),
      );
      const changes = (await response.json()) as { events: { type: string }[]; terminal: boolean };
      types.push(...changes.events.map((event) => event.type));
      done = changes.terminal;
    }
    const state = engine.sessions.get(id)?.session.state ?? 'unknown';
    return { types, state };
  } finally {
    engine.close();
  }
}

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('message', (event) => {
  const port = event.ports[0];
  playOneSession().then(
    (result) => port?.postMessage({ ok: true, result }),
    (error: unknown) => port?.postMessage({ ok: false, error: String(error) }),
  );
});
