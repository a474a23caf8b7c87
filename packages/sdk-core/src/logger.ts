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

const SECRET_HEADERS = new Set([
  'authorization',
  'idempotency-key',
  'cookie',
  'proxy-authorization',
]);

/** `name: value` pairs for a debug line, with the credentials and idempotency key redacted. */
export function describeHeaders(headers: Headers): string {
  const parts: string[] = [];
  headers.forEach((value, name) => {
    parts.push(`${name}: ${SECRET_HEADERS.has(name) ? '[redacted]' : value}`);
  });
  return parts.join(', ');
}
