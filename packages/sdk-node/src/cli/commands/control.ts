import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { sessionLine } from '../format.js';

type ControlMethod = 'pause' | 'resume' | 'forceAnswer' | 'cancel';

/** `pause|resume|force|cancel <id>`: one control call; prints the session it returns. */
const controlCommand =
  (method: ControlMethod): Command =>
  async ({ client, args, out, signal }) => {
    const session = await client.sessions[method](args.args.id as string, { signal });
    if (out.mode === 'ndjson') out.json(session);
    else out.line(sessionLine(out, session));
    return EXIT_CODES.ok;
  };

export const pause = controlCommand('pause');
export const resume = controlCommand('resume');
export const force = controlCommand('forceAnswer');
export const cancel = controlCommand('cancel');
