// The server side of bench/long-poll.ts, in its own process so that its memory is its own.
// Driven over IPC: { advance: ms } | { memory: true } | { stats: true }.
import { performance } from 'node:perf_hooks';
import { createMockServer } from '../src/index.js';

const wall = () => performance.timeOrigin + performance.now();
let appended = new Map<string, number>();
const server = await createMockServer({
  autoAdvance: false,
  validateResponses: false,
  onEvent: (sessionId) => {
    if (!appended.has(sessionId)) appended.set(sessionId, wall());
  },
});

function memory() {
  globalThis.gc?.();
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  return { heap: heapUsed + external + arrayBuffers, rss };
}

process.on('message', (message: { advance?: number; memory?: boolean; stats?: boolean }) => {
  if (message.advance !== undefined) {
    appended = new Map();
    server.clock.advance(message.advance);
    process.send!({ appended: Object.fromEntries(appended) });
  } else if (message.memory) {
    process.send!({ memory: memory() });
  } else if (message.stats) {
    process.send!({ stats: server.stats() });
  }
});
process.on('disconnect', () => {
  server.close().then(() => process.exit(0));
});
process.send!({ url: server.url });
