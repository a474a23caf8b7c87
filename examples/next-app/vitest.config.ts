import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Ceilings for a loaded CI machine: the end-to-end file builds the app (`next build`, about
    // 10 s on an idle 2-core machine) before its cases; the waits inside are for the page or
    // the server, never for time to pass.
    hookTimeout: 240_000,
    testTimeout: 90_000,
  },
});
