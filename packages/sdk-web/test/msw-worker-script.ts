// Runs in Node, inside the dev server that serves the test page: serves MSW's service worker
// script from the installed msw package, so no generated copy is committed (it would drift from
// the installed msw, which checks the worker's version when it starts).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Plugin } from 'vitest/config';
import { MSW_WORKER_URL } from './msw-worker-url.ts';

/** Serves `msw/mockServiceWorker.js` at {@link MSW_WORKER_URL}. */
export function mswWorkerScript(): Plugin {
  const script = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  return {
    name: 'sdk-web-test-msw-worker-script',
    configureServer(server) {
      server.middlewares.use(MSW_WORKER_URL, async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        res.end(await readFile(script));
      });
    },
  };
}
