#!/usr/bin/env node
// The `agent-sessions` command. It is committed (not built) so that `pnpm install` can link the
// bin in a fresh clone before anything is built; it only loads the built CLI.
const cli = new URL('../dist/cli.js', import.meta.url);

import(cli.href).catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && error.url === cli.href) {
    console.error(
      'agent-sessions: the CLI is not built (dist/cli.js is missing); run `pnpm build` first',
    );
    process.exit(1);
  }
  throw error;
});
