import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The docs' scripted sessions (test/transitions.test.ts) import the package by name: they
    // must play this source, not a build that may be stale.
    alias: [
      {
        find: /^@agent-sessions\/mock-server$/,
        replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      },
    ],
  },
});
