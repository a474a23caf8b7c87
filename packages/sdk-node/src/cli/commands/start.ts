import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { sessionLine } from '../format.js';
import { leaveSession } from '../interrupt.js';
import { followToExit } from './follow-session.js';
import { startFromArgs } from './new-session.js';

/** `start <input> [--follow]`: starts a session and prints it; `--follow` then watches it. */
export const start: Command = async (context) => {
  const { args, out } = context;
  const session = await startFromArgs(context, args.args.input as string);
  if (!args.follow) {
    if (out.mode === 'ndjson') out.json(session.snapshot);
    else out.line(sessionLine(out, session.snapshot));
    return EXIT_CODES.ok;
  }
  if (context.signal.aborted) return leaveSession(context, session.id, 0);
  return followToExit(context, session.id, { untilAnswer: true });
};
