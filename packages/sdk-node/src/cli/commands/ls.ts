import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { sessionLine } from '../format.js';

/** `ls`: every session, page after page, one per line. */
export const ls: Command = async ({ client, args, out, signal }) => {
  let count = 0;
  for await (const session of client.sessions.list({
    ...(args.limit !== undefined ? { limit: args.limit } : {}),
    signal,
  })) {
    count += 1;
    if (out.mode === 'ndjson') out.json(session);
    else out.line(sessionLine(out, session));
  }
  if (count === 0 && out.mode === 'human') out.line(out.paint('dim', 'no sessions'));
  return EXIT_CODES.ok;
};
