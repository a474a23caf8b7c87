import { onTestFinished } from 'vitest';
import { commands } from 'vitest/browser';
import './browser-env.ts';

let outages = 0;

/**
 * Takes the page offline (Playwright's network emulation) and resolves once the `offline` event
 * has fired, with the function that brings the network back (resolving once it is). The network
 * comes back after the test whatever happens, or every later test in the page would fail too.
 */
export async function goOffline(): Promise<() => Promise<void>> {
  outages += 1;
  const flag = `__sdkWebBackOnline${outages}`;
  const wentOffline = new Promise((resolve) =>
    addEventListener('offline', resolve, { once: true }),
  );
  const outage = commands.offlineUntil(flag);
  const backOnline = () => {
    (globalThis as Record<string, unknown>)[flag] = true;
    return outage;
  };
  onTestFinished(backOnline);
  await wentOffline;
  return backOnline;
}
