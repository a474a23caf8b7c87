import type { StartedSession } from '../../index.js';
import type { CommandContext } from '../context.js';

/**
 * Starts a session from the command line's input, metadata and idle timeout. Not aborted by
 * Ctrl-C: a start cut off in flight might leave a session nobody knows the id of, so it is let
 * finish and the command then detaches from (or cancels) the session it made.
 */
export function startFromArgs(
  { client, args }: CommandContext,
  input: string,
): Promise<StartedSession> {
  return client.sessions.start({
    input,
    ...(args.metadata ? { metadata: args.metadata } : {}),
    ...(args.idleTimeoutS !== undefined ? { idle_timeout_s: args.idleTimeoutS } : {}),
  });
}
