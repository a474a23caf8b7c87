import type { MockAdminClient } from '@agent-sessions/mock-server/admin-client';

/** A session as the mock server holds it: its snapshot and full event log. */
export type StoredSession = NonNullable<Awaited<ReturnType<MockAdminClient['sessions']['get']>>>;

/**
 * The session `control`'s server holds with this id; rejects naming the id when it holds none,
 * so a test reading the server's side fails with a clear message instead of a TypeError.
 *
 * @example
 * const { session, events } = await storedSession(env.control, id);
 */
export async function storedSession(control: MockAdminClient, id: string): Promise<StoredSession> {
  const found = await control.sessions.get(id);
  if (!found) throw new Error(`the mock server holds no session with id ${id}`);
  return found;
}
