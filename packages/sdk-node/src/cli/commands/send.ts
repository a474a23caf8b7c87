import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { paintState, printable } from '../format.js';

/** `send <id> <message>`: sends a message; prints its id. */
export const send: Command = async ({ client, args, out, signal }) => {
  const id = args.args.id as string;
  const sent = await client.sessions.send(id, args.args.message as string, { signal });
  if (out.mode === 'ndjson') out.json(sent);
  else
    out.line(
      `sent ${out.paint('bold', printable(sent.message_id))} to ${printable(id)} (${paintState(out, sent.session.state)})`,
    );
  return EXIT_CODES.ok;
};
