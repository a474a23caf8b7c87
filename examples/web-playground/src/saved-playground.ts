import type { SavedSession } from '@agent-sessions/react';

/** The session the page shows, as it survives a reload of the tab. */
export interface SavedPlayground {
  /** The session's id. */
  id: string;
  /** The idle timeout it was started with (the conversation says when it ends). */
  idleTimeoutS: number;
  /** Its last snapshot (`useSession(...).save()`): the page shows it at once and watches on from its cursor. */
  snapshot?: SavedSession | undefined;
}

/** Where the tab keeps it: sessionStorage lives as long as the tab, across reloads. */
const KEY = 'agent-sessions-playground';

/**
 * The session saved by this tab before a reload, or `undefined` (none, or not one this page
 * wrote: storage is shared with whatever else ran on this origin).
 */
export function loadPlayground(storage: Storage = sessionStorage): SavedPlayground | undefined {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<SavedPlayground> | null;
    if (typeof saved?.id !== 'string' || typeof saved.idleTimeoutS !== 'number') return undefined;
    const snapshot = saved.snapshot;
    const usable =
      snapshot?.id === saved.id &&
      Number.isSafeInteger(snapshot.cursor) &&
      Array.isArray(snapshot.events);
    return {
      id: saved.id,
      idleTimeoutS: saved.idleTimeoutS,
      snapshot: usable ? snapshot : undefined,
    };
  } catch {
    return undefined;
  }
}

/** Saves the session for the next load of this tab. */
export function savePlayground(saved: SavedPlayground, storage: Storage = sessionStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // Full or disabled storage: the page works on, a reload then starts afresh.
  }
}
