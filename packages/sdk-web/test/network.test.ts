import { expect, inject, test } from 'vitest';
import { commands } from 'vitest/browser';
import './browser-env';

// These pin the test rig itself (before any SDK code): a failure here means the browser setup
// is broken, not the SDK.

test('runs in Chromium and reaches the mock server on another origin over CORS', async () => {
  const mockUrl = inject('mockUrl');
  expect(navigator.userAgent).toContain('Chrome');
  expect(new URL(mockUrl).origin).not.toBe(location.origin);
  const response = await fetch(`${mockUrl}/v1/sessions`, {
    headers: { authorization: 'Bearer test-key' },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ data: expect.any(Array) });
});

test('offlineUntil takes the page offline (requests fail) and brings it back', async () => {
  const mockUrl = inject('mockUrl');
  const seen: string[] = [];
  const record = (event: Event) => seen.push(event.type);
  addEventListener('offline', record);
  addEventListener('online', record);
  const wentOffline = new Promise((resolve) =>
    addEventListener('offline', resolve, { once: true }),
  );
  const outage = commands.offlineUntil('__sdkWebTestOnline');
  await wentOffline;
  expect(navigator.onLine).toBe(false);
  await expect(fetch(`${mockUrl}/v1/sessions`)).rejects.toThrow(TypeError);
  (globalThis as any).__sdkWebTestOnline = true;
  await outage;
  expect(navigator.onLine).toBe(true);
  expect(seen).toEqual(['offline', 'online']);
  expect((await fetch(`${mockUrl}/v1/sessions`)).status).toBe(401);
  removeEventListener('offline', record);
  removeEventListener('online', record);
});
