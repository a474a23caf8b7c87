import type { AgentSessions } from '../index.js';
import type { ParsedArgs } from './args.js';
import type { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** What every command gets: the client, its arguments, where to write, and Ctrl-C. */
export interface CommandContext {
  client: AgentSessions;
  args: ParsedArgs;
  out: Output;
  /** Aborted by the first Ctrl-C (a second one exits at once). */
  signal: AbortSignal;
}

/** A command: resolves with the exit code; throws for the CLI to describe the failure. */
export type Command = (context: CommandContext) => Promise<ExitCode>;
