/** How much the SDK logs: `off`, or everything at and above a level. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** The levels, quietest first. */
export const LOG_LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/** The environment variable read for the log level (where the platform has an environment). */
export const LOG_LEVEL_ENV = 'AGENT_SESSIONS_LOG';

/**
 * Where log lines go: anything with `error`, `warn`, `info` and `debug` methods that take a
 * message first: `console`, a pino logger, a winston logger. Each line is one string.
 */
export interface Logger {
  error(message: string, ...rest: unknown[]): unknown;
  warn(message: string, ...rest: unknown[]): unknown;
  info(message: string, ...rest: unknown[]): unknown;
  debug(message: string, ...rest: unknown[]): unknown;
}

type Sink = ((line: string) => void) | undefined;

/** A logger cut to a level: each method is `undefined` when that level is off (no cost). */
export interface LevelLogger {
  error: Sink;
  warn: Sink;
  info: Sink;
  debug: Sink;
}

/** The logger cut to `level`: levels above it are `undefined`. */
export function levelLogger(logger: Logger, level: LogLevel): LevelLogger {
  const rank = LOG_LEVELS.indexOf(level);
  const sink = (name: Exclude<LogLevel, 'off'>): Sink =>
    rank >= LOG_LEVELS.indexOf(name)
      ? (line) => {
          // A log line is a side channel: a logger that throws (or lacks this level) must not
          // fail a call that was already sent, or the caller would retry and send it twice.
          try {
            logger[name](line);
          } catch {}
        }
      : undefined;
  return { error: sink('error'), warn: sink('warn'), info: sink('info'), debug: sink('debug') };
}

// Any header whose name looks like a credential (`authorization`, `x-api-key`, `cookie`,
// `x-auth-token`, `x-amz-security-token`), and the idempotency key: a fixed list would print
// the one it missed.
const SECRET_NAME = /auth|key|token|secret|passw|cookie|session|credential|signature/i;
const SECRET_VALUE = /^(bearer|basic|digest|token)\s/i;

/** True when a header's value must not be logged: its name or value looks like a credential. */
export function isSecretHeader(name: string, value = ''): boolean {
  return SECRET_NAME.test(name) || SECRET_VALUE.test(value);
}

/** `name: value` pairs for a debug line, with credentials and the idempotency key redacted. */
export function describeHeaders(headers: Headers): string {
  const parts: string[] = [];
  headers.forEach((value, name) => {
    parts.push(`${name}: ${isSecretHeader(name, value) ? '[redacted]' : value}`);
  });
  return parts.join(', ');
}

// The environment values already warned about: a warning per client would flood a server
// that makes a client per request.
const warned = new Set<string>();

/**
 * The log level: the option, else the `AGENT_SESSIONS_LOG` value in any case and with any
 * surrounding space. A variable that is empty means unset; one that names no level is warned
 * about once (on `logger`) and logging stays off: a typo in the environment must not stop
 * every client from being made. An invalid option is returned as it is, for the caller to refuse.
 */
export function pickLogLevel(option: unknown, env: string | undefined, logger: Logger): unknown {
  if (option !== undefined)
    return typeof option === 'string' ? option.trim().toLowerCase() : option;
  const level = env?.trim().toLowerCase();
  if (!level) return 'off';
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level;
  if (!warned.has(level)) {
    warned.add(level);
    try {
      logger.warn(
        `agent-sessions: ${LOG_LEVEL_ENV} is not one of ${LOG_LEVELS.join(', ')}; logging stays off`,
      );
    } catch {}
  }
  return 'off';
}
