import type { CommandContext } from '../context.js';
import { type ExitCode, exitCodeForState } from '../exit-codes.js';
import { type FollowOptions, follow } from '../follow.js';
import { leaveSession } from '../interrupt.js';

/**
 * Follows a session to its end (or its turn's answer) and turns that into the exit code;
 * Ctrl-C detaches, or cancels with `--cancel-on-exit`.
 */
export async function followToExit(
  context: CommandContext,
  id: string,
  options: FollowOptions,
): Promise<ExitCode> {
  const followed = await follow(context, id, options);
  if (followed.interrupted) return leaveSession(context, id, followed.next);
  return exitCodeForState(followed.session.state);
}
