import { expect, test } from 'vitest';
import type { SavedSession } from '../src/index.ts';
import { mockServerForFile, storedSession } from './mock-servers.ts';

const live = mockServerForFile();

interface WorkerReport {
  failure?: string;
  watched: { id: string; indexes: number[] };
  store: { id: string; saved: SavedSession; error: string | null };
}

test('in a web worker: watch and the store follow sessions to their end', async () => {
  const worker = new Worker(new URL('./worker-smoke.ts', import.meta.url), { type: 'module' });
  try {
    const report = await new Promise<WorkerReport>((resolve, reject) => {
      worker.addEventListener('message', (message) => resolve(message.data));
      worker.addEventListener('error', (error) => reject(new Error(error.message)));
      worker.postMessage({ url: live.url });
    });
    expect(report.failure).toBeUndefined();
    const watched = await storedSession(live, report.watched.id);
    expect(report.watched.indexes).toEqual(watched.events.map((e) => e.index));
    const stored = await storedSession(live, report.store.id);
    expect(report.store.error).toBeNull();
    expect(report.store.saved).toMatchObject({
      done: true,
      state: 'completed',
      event_count: stored.events.length,
      step_count: stored.session.step_count,
      events: stored.events,
    });
  } finally {
    worker.terminate();
  }
});
