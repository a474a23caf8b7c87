import { expect, test } from 'vitest';

// The engine entry inside a real service worker (module worker, served by the dev server): it
// loads with no Node built-in, carries the scenario catalog, and its real clock's timers (captured
// from the worker's global scope) play a session to the end.
test('the engine plays a session on a real clock inside a service worker', async () => {
  const script = new URL('./engine-service-worker.ts', import.meta.url);
  // A scope of its own under the script's directory: it controls no test page.
  const scope = new URL('./engine-service-worker-scope/', script);
  const registration = await navigator.serviceWorker.register(script, {
    type: 'module',
    scope: scope.href,
  });
  try {
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    if (!worker) throw new Error('the service worker did not install');
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve, reject) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
          if (worker.state === 'redundant')
            reject(new Error('the service worker failed to install'));
        });
      });
    }
    const channel = new MessageChannel();
    const reply = new Promise<{ ok: boolean; result?: unknown; error?: string }>((resolve) => {
      channel.port1.onmessage = (event) => resolve(event.data);
    });
    worker.postMessage('play', [channel.port2]);
    const answer = await reply;
    expect(answer.error).toBeUndefined();
    expect(answer.result).toEqual({
      types: expect.arrayContaining(['step_started', 'step_finished', 'answer']),
      state: 'completed',
    });
  } finally {
    await registration.unregister();
  }
});
