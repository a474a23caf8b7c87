import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { startMockServer, stopMockServer } from '../sdk-web/test/mock-commands.ts';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  // Pre-bundled before the first test runs: a dependency found mid-run reloads the page.
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      'react-dom/server',
    ],
  },
  test: {
    // Waits on the server (a poll parked, a client gone) are conditions, not sleeps: give them
    // room on a loaded CI machine.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'chromium',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/node/**'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
            commands: { startMockServer, stopMockServer },
          },
        },
      },
      {
        // A server render: no window, no document.
        extends: true,
        test: { name: 'node', include: ['test/node/**/*.test.{ts,tsx}'], environment: 'node' },
      },
    ],
  },
});
