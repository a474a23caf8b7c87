import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { printable } from '../format.js';
import { wireEvent } from '../ndjson.js';

/** `events <id> [--from N]`: the whole history, paged, then the snapshot (in NDJSON). */
export const events: Command = async ({ client, args, out, signal }) => {
  const id = args.args.id as string;
  for await (const event of client.sessions.events(id, {
    from: args.from ?? 0,
    ...(args.limit !== undefined ? { limit: args.limit } : {}),
    signal,
  })) {
    const wire = wireEvent(event);
    if (out.mode === 'ndjson') out.json(wire);
    else
      out.line(
        `${out.paint('dim', String(event.index).padStart(4))}  ${out.paint('bold', printable(event.agent.id))}  ${out.paint('cyan', printable(String(wire.type)))}  ${printable(JSON.stringify(event.data))}`,
      );
  }
  if (out.mode === 'ndjson') out.json(await client.sessions.status(id, { signal }));
  return EXIT_CODES.ok;
};
