import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Ceilings for a loaded CI machine (the end-to-end cases take 1-4 s each here); the
    // waits inside are for the page, never for time to pass.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
