import {
  AgentSessionsError,
  BadRequestError,
  ConnectionError,
  PermissionDeniedError,
  type SessionState,
  UnauthorizedError,
} from '../index.js';

/** The exit codes of `agent-sessions`, for scripts to branch on. */
export const EXIT_CODES = {
  /** The session completed (or went idle) with an answer; the command did what it said. */
  ok: 0,
  /** The session failed, or the API answered with an error. */
  failed: 1,
  /** Unknown command or option, missing argument, or a bad value: the usage is printed. */
  usage: 2,
  /** Unauthorized or permission denied: the key is missing, wrong or not allowed. */
  unauthorized: 3,
  /** No connection to the API. */
  unreachable: 4,
  /** The session ended `interrupted` (cancelled). */
  interrupted: 5,
  /** Ctrl-C. */
  sigint: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** A failure the CLI reports as one line on stderr, then exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Print the usage after the line (a usage mistake). */
    readonly showUsage = false,
  ) {
    super(message);
  }
}

/** A usage mistake: the line, then the usage, exit code 2. */
export const usageError = (message: string) => new CliError(message, EXIT_CODES.usage, true);

/** A bad value for an option or argument: one line, exit code 2. */
export const badInput = (message: string) => new CliError(message, EXIT_CODES.usage);

/** How a session's final state maps to an exit code (`idle` has answered its turn). */
export function exitCodeForState(state: SessionState): ExitCode {
  if (state === 'completed' || state === 'idle') return EXIT_CODES.ok;
  if (state === 'interrupted') return EXIT_CODES.interrupted;
  return EXIT_CODES.failed;
}

/** Where the key came from, so a refusal names the option or variable to fix. */
export interface KeySource {
  /** `--api-key` or `AGENT_SESSIONS_API_KEY`. */
  key: string;
  /** The base URL in use (has no secret). */
  baseUrl: string;
}

/** Turns anything a command threw into the CLI's line and exit code. */
export function describeFailure(error: unknown, source: KeySource): CliError {
  if (error instanceof CliError) return error;
  if (UnauthorizedError.is(error))
    return new CliError(
      `unauthorized: the API key was refused (${source.key}); ${error.message}`,
      EXIT_CODES.unauthorized,
    );
  if (PermissionDeniedError.is(error))
    return new CliError(
      `permission denied for the API key (${source.key}): ${error.message}`,
      EXIT_CODES.unauthorized,
    );
  if (ConnectionError.is(error))
    return new CliError(
      `cannot connect to ${source.baseUrl}: ${error.message}`,
      EXIT_CODES.unreachable,
    );
  // Refused by the SDK before anything was sent: the input was bad.
  if (BadRequestError.is(error) && error.status === undefined)
    return new CliError(error.message, EXIT_CODES.usage);
  if (AgentSessionsError.is(error)) {
    const request = error.requestId ? ` (request ${error.requestId})` : '';
    return new CliError(`${error.message}${request}`, EXIT_CODES.failed);
  }
  return new CliError(error instanceof Error ? error.message : String(error), EXIT_CODES.failed);
}
