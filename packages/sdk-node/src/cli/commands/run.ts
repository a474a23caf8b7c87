import type { Command } from '../context.js';
import { leaveSession } from '../interrupt.js';
import { followToExit } from './follow-session.js';
import { startFromArgs } from './new-session.js';

/** `run <input>`: starts a session, shows it work, prints its answer. */
export const run: Command = async (context) => {
  const session = await startFromArgs(context, context.args.args.input as string);
  if (context.signal.aborted) return leaveSession(context, session.id, 0);
  return followToExit(context, session.id, { untilAnswer: true });
};
