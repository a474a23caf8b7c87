// A namespace import: `styleText` arrived in Node 20.12, and a named import of a missing export
// would stop the CLI from loading at all on an older Node 20 (which then gets no colour).
import * as util from 'node:util';

/** The styles the live view uses (a subset of `util.inspect.colors`). */
export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan';

/** Where and how a command writes. */
export interface Output {
  /** `ndjson`: one JSON object per line (a pipe, or `--json`); `human`: text for a person. */
  mode: 'ndjson' | 'human';
  /** True when stdout is a terminal: the live view redraws in place. */
  tty: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** `text` in `style` when colour is on, else as is. */
  paint(style: Style | Style[], text: string): string;
  /** Writes a line to stdout. */
  line(text: string): void;
  /** Writes a value as one JSON line to stdout. */
  json(value: unknown): void;
}

/**
 * The output for these streams: NDJSON in a pipe or with `--json`; colour only on a terminal,
 * and never when `NO_COLOR` is set to anything but the empty string (https://no-color.org).
 */
export function createOutput(
  json: boolean,
  env: NodeJS.ProcessEnv,
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): Output {
  const tty = stdout.isTTY === true;
  const colour =
    tty && !env.NO_COLOR && env.TERM !== 'dumb' && typeof util.styleText === 'function';
  return {
    mode: json || !tty ? 'ndjson' : 'human',
    tty,
    stdout,
    stderr,
    // Decided here, for this stream: styleText's own check looks at process.stdout (and Node
    // 20.20 skips it for an array of styles).
    paint: (style, text) =>
      colour ? util.styleText(style, text, { validateStream: false }) : text,
    line: (text) => stdout.write(`${text}\n`),
    json: (value) => stdout.write(`${JSON.stringify(value)}\n`),
  };
}
