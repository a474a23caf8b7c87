import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { printable, sessionLine } from '../format.js';

/** `status <id>`: the session's snapshot (state, step, tokens, answer). */
export const status: Command = async ({ client, args, out, signal }) => {
  const session = await client.sessions.status(args.args.id as string, { signal });
  if (out.mode === 'ndjson') out.json(session);
  else {
    out.line(sessionLine(out, session));
    if (session.answer !== null)
      out.line(`${out.paint(['bold', 'green'], 'Answer:')} ${printable(session.answer)}`);
  }
  return EXIT_CODES.ok;
};
