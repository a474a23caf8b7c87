import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TwoUsers, twoUsers } from './support/two-users.js';

let app: TwoUsers;
beforeEach(async () => {
  app = await twoUsers();
});
afterEach(() => app.close());

describe('createSessionsHandler against the mock', () => {
  it('starts, reads and watches a session for its owner', async () => {
    const id = await app.start('alice');
    const status = await app.as('alice', `/v1/sessions/${id}`);
    expect(status.status).toBe(200);
    const changes = await app.as('alice', `/v1/sessions/${id}/changes?from=0&wait_s=5`);
    expect(changes.status).toBe(200);
    expect(((await changes.json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);
    const other = await app.as('bob', `/v1/sessions/${id}`);
    expect(other.status).toBe(404);
  });
});
