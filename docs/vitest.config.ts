import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // TypeDoc and one tsc run over every snippet: tens of seconds on a loaded 2-core machine.
    testTimeout: 180_000,
  },
});
