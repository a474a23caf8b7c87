import type { CommandContext } from './context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { printable } from './format.js';

/**
 * Ctrl-C: the first aborts the returned signal (the command detaches or cancels, then exits
 * with 130); a second exits at once, whatever is still in flight.
 */
export function trapInterrupts(exit: (code: number) => never = process.exit): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) exit(EXIT_CODES.sigint);
    controller.abort(new Error('interrupted (Ctrl-C)'));
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

/**
 * What the first Ctrl-C does to a session being followed: leaves it running (and says how to
 * pick it up again from where this stopped), or cancels it with `--cancel-on-exit`.
 */
export async function leaveSession(
  { client, args, out }: CommandContext,
  id: string,
  next: number,
): Promise<ExitCode> {
  if (args.cancelOnExit) {
    try {
      const session = await client.sessions.cancel(id);
      out.stderr.write(`agent-sessions: cancelled ${id} (${session.state})\n`);
    } catch (error) {
      // Still a Ctrl-C (130), but the user must know the session was not stopped.
      out.stderr.write(
        `agent-sessions: could not cancel ${id}: ${printable(error instanceof Error ? error.message : String(error))}\n`,
      );
    }
  } else {
    out.stderr.write(
      `agent-sessions: detached; ${id} is still running. Follow it again with: agent-sessions watch ${id} --from ${next}\n`,
    );
  }
  return EXIT_CODES.sigint;
}
