import type { SavedSession } from '@agent-sessions/react';

// What the page has seen of a session, kept in the tab's sessionStorage: after a reload the
// page shows it at once and asks the server only for the events that came after.

const key = (id: string) => `agent-session:${id}`;

/** The snapshot saved for session `id` in this tab, or undefined. */
export function loadSavedSession(id: string): SavedSession | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key(id)) ?? 'null') as SavedSession | null;
    return saved?.id === id ? saved : undefined;
  } catch {
    return undefined; // unreadable (storage off, or not ours): start from the first event
  }
}

/** Saves the snapshot of its session (`saved.id`). */
export function saveSession(saved: SavedSession): void {
  try {
    sessionStorage.setItem(key(saved.id), JSON.stringify(saved));
  } catch {
    // Storage full or off: a reload then reads the events again, nothing is lost.
  }
}
