import type { Session } from '../index.js';
import type { CommandContext } from './context.js';
import { LiveView } from './live-view.js';
import { wireEvent } from './ndjson.js';
import { emptyView, foldEvent, type ViewModel } from './view-model.js';

export interface FollowOptions {
  /** The event index to start from (default 0). */
  from?: number | undefined;
  /** Stop once the turn's answer landed and the session went idle (run, start, chat). */
  untilAnswer?: boolean;
  /** The view to go on with (chat's next turn); a new one by default. */
  view?: ViewModel | undefined;
}

/** How a follow ended: with the session's snapshot, or stopped by Ctrl-C. */
export type Followed = {
  /** The cursor after the last event written. */
  next: number;
  view: ViewModel;
} & ({ interrupted: false; session: Session } | { interrupted: true; session?: undefined });

/**
 * Follows a session with the SDK's exactly-once watch: in NDJSON mode each event as the API
 * sent it, then the snapshot; on a terminal, the live view, then the answer.
 */
export async function follow(
  context: CommandContext,
  id: string,
  options: FollowOptions = {},
): Promise<Followed> {
  const { client, out, signal, args } = context;
  const view = options.view ?? emptyView(id);
  let next = options.from ?? 0;
  // Every lane starts the turn afresh; the header (state, step, tokens) carries on.
  view.lanes.clear();
  view.next = next;
  const live = out.mode === 'human' ? new LiveView(out, view) : undefined;
  let answered = false;
  try {
    for await (const page of client.sessions.watchPages(id, {
      from: next,
      wait_s: args.waitS,
      signal,
    })) {
      for (const event of page.events) {
        if (out.mode === 'ndjson') out.json(wireEvent(event));
        foldEvent(view, event);
        if (event.type === 'answer') answered = true;
      }
      next = page.next;
      live?.update();
      if (options.untilAnswer && answered && page.state === 'idle') break;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    live?.finish();
    return { interrupted: true, next, view };
  }
  const session = await client.sessions.status(id);
  if (out.mode === 'ndjson') out.json(session);
  else live?.finish();
  return { interrupted: false, session, next, view };
}
