import type { Command } from '../context.js';
import { emptyView } from '../view-model.js';
import { followToExit } from './follow-session.js';

/** `watch <id> [--from N]`: follows a session live until it ends. */
export const watch: Command = async (context) => {
  const id = context.args.args.id as string;
  const from = context.args.from ?? 0;
  const view = emptyView(id);
  // From a later cursor the events do not say the state the session is in: the snapshot does.
  if (from > 0 && context.out.mode === 'human') {
    const session = await context.client.sessions.status(id, { signal: context.signal });
    view.state = session.state;
    view.step = session.step_count;
    view.turn = session.turn;
  }
  return followToExit(context, id, { from, view });
};
