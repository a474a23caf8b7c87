import { expect, onTestFinished, test } from 'vitest';
import { commands } from 'vitest/browser';
import { useMockServer } from './mock-servers.ts';

// These pin the test rig itself: a failure here means the browser setup is broken, not the SDK.
const server = useMockServer();

test('runs in Chromium and reaches the mock server on another origin over CORS', async () => {
  expect(navigator.userAgent).toContain('Chrome');
  expect(new URL(server.url).origin).not.toBe(location.origin);
  const response = await fetch(`${server.url}/v1/sessions`, {
    headers: { authorization: 'Bearer test-key' },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ data: expect.any(Array) });
});

test('offlineUntil takes the page offline (requests fail) and brings it back', async () => {
  const seen: string[] = [];
  const record = (event: Event) => seen.push(event.type);
  addEventListener('offline', record);
  addEventListener('online', record);
  const wentOffline = new Promise((resolve) =>
    addEventListener('offline', resolve, { once: true }),
  );
  const outage = commands.offlineUntil('__rigOnline');
  onTestFinished(() => {
    (globalThis as any).__rigOnline = true;
  });
  await wentOffline;
  expect(navigator.onLine).toBe(false);
  await expect(fetch(`${server.url}/v1/sessions`)).rejects.toThrow(TypeError);
  (globalThis as any).__rigOnline = true;
  await outage;
  expect(navigator.onLine).toBe(true);
  expect(seen).toEqual(['offline', 'online']);
  expect((await fetch(`${server.url}/v1/sessions`)).status).toBe(401);
  removeEventListener('offline', record);
  removeEventListener('online', record);
});
