import { expect, test } from 'vitest';
import { mockServerForFile } from './mock-servers.ts';
import { goOffline } from './page-network.ts';

// These pin the test rig itself: a failure here means the browser setup is broken, not the SDK.
const server = mockServerForFile();

test('runs in Chromium and reaches the mock server on another origin over CORS', async () => {
  expect(navigator.userAgent).toContain('Chrome');
  expect(new URL(server.url).origin).not.toBe(location.origin);
  const response = await fetch(`${server.url}/v1/sessions`, {
    headers: { authorization: 'Bearer test-key' },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ data: expect.any(Array) });
});

test('goOffline takes the page offline (requests fail) and brings it back', async () => {
  const seen: string[] = [];
  const record = (event: Event) => seen.push(event.type);
  addEventListener('offline', record);
  addEventListener('online', record);
  const backOnline = await goOffline();
  expect(navigator.onLine).toBe(false);
  await expect(fetch(`${server.url}/v1/sessions`)).rejects.toThrow(TypeError);
  await backOnline();
  expect(navigator.onLine).toBe(true);
  expect(seen).toEqual(['offline', 'online']);
  expect((await fetch(`${server.url}/v1/sessions`)).status).toBe(401);
  removeEventListener('offline', record);
  removeEventListener('online', record);
});
