import { defineConfig, type Options } from 'tsup';
import { libraryConfig } from '../../tsup.base';

export default defineConfig([
  // The library: its entry does not grow with the CLI.
  libraryConfig({ clean: ['!cli.js'] }) as Options,
  // The `agent-sessions` command (bin/agent-sessions.mjs loads it): ESM only, no types.
  {
    entry: { cli: 'src/cli/entry.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'es2022',
  },
]);
