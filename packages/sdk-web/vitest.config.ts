import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import type { BrowserCommand } from 'vitest/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { freezePageWhileAdvancing, startMockServer, stopMockServer } from './test/mock-commands.ts';
import { mswWorkerScript } from './test/msw-worker-script.ts';
import { sameOriginProxy } from './test/same-origin-proxy.ts';

type Playwright = import('@vitest/browser-playwright').PlaywrightBrowserProvider;

/**
 * Takes the page's network down (as a laptop losing Wi-Fi: `navigator.onLine` turns false, the
 * `offline` event fires, requests fail) until the test sets `globalThis[flag] = true`, then brings
 * it back (`online`). The flag is read over CDP, which needs no network; the command's own reply
 * to the page can only travel once the network is back.
 */
const offlineUntil: BrowserCommand<[flag: string]> = async (context, flag) => {
  const { page, frame } = (context.provider as Playwright).getCommandsContext(context.sessionId);
  await page.context().setOffline(true);
  try {
    await (await frame()).waitForFunction(
      (name) => (globalThis as Record<string, unknown>)[name] === true,
      flag,
      {
        polling: 10,
      },
    );
  } finally {
    await page.context().setOffline(false);
  }
};

export default defineConfig({
  test: {
    // Waits on the server (a poll parked, a client gone) are conditions, not sleeps: give them
    // room on a loaded CI machine.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        plugins: [sameOriginProxy('test-key'), mswWorkerScript()],
        test: {
          name: 'chromium',
          include: ['test/**/*.test.ts'],
          exclude: ['test/node/**'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: CHROMIUM_PATH,
                args: CHROMIUM_ARGS,
              },
            }),
            instances: [{ browser: 'chromium' }],
            commands: { startMockServer, stopMockServer, freezePageWhileAdvancing, offlineUntil },
          },
        },
      },
      {
        // Outside a page: a server render, a route handler, a Node-environment test.
        extends: true,
        test: { name: 'node', include: ['test/node/**/*.test.ts'], environment: 'node' },
      },
    ],
  },
});
