import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end test launches Chromium and two servers once for all its cases.
    hookTimeout: 30_000,
    testTimeout: 30_000,
  },
});
