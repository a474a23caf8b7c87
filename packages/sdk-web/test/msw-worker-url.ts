/**
 * Where the test page finds MSW's service worker script (served by test/msw-worker-script.ts).
 * At the origin's root, so that its default scope (`/`) covers the test pages; not
 * `/mockServiceWorker.js`, which Vitest itself serves for its own mocking (an internal detail
 * that may change).
 */
export const MSW_WORKER_URL = '/msw-service-worker.js';
