import { parseArgs } from 'node:util';
import { badInput, usageError } from './exit-codes.js';

/** Every option the CLI knows, as `node:util` `parseArgs` reads them. */
const OPTIONS = {
  'api-key': { type: 'string' },
  'base-url': { type: 'string' },
  json: { type: 'boolean' },
  metadata: { type: 'string', multiple: true },
  'idle-timeout': { type: 'string' },
  wait: { type: 'string' },
  from: { type: 'string' },
  limit: { type: 'string' },
  follow: { type: 'boolean' },
  'cancel-on-exit': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Options every command takes. */
const COMMON: OptionName[] = ['api-key', 'base-url', 'json', 'wait', 'help'];
const NEW_SESSION: OptionName[] = ['metadata', 'idle-timeout'];

/** Each command: its positional arguments and the options it takes beyond the common ones. */
export const COMMANDS = {
  run: { args: ['input'], options: [...NEW_SESSION, 'cancel-on-exit'] },
  start: { args: ['input'], options: [...NEW_SESSION, 'follow', 'cancel-on-exit'] },
  chat: { args: [], options: [...NEW_SESSION, 'cancel-on-exit'] },
  ls: { args: [], options: ['limit'] },
  status: { args: ['id'], options: [] },
  watch: { args: ['id'], options: ['from', 'cancel-on-exit'] },
  events: { args: ['id'], options: ['from', 'limit'] },
  send: { args: ['id', 'message'], options: [] },
  pause: { args: ['id'], options: [] },
  resume: { args: ['id'], options: [] },
  force: { args: ['id'], options: [] },
  cancel: { args: ['id'], options: [] },
} as const satisfies Record<string, { args: string[]; options: OptionName[] }>;

export type CommandName = keyof typeof COMMANDS;

/** What the command line asked for, checked: values are parsed and in range. */
export interface ParsedArgs {
  command: CommandName | 'help' | 'version';
  /** The positional arguments by name (`input`, `id`, `message`). */
  args: Record<string, string>;
  apiKey: string | undefined;
  baseUrl: string | undefined;
  json: boolean;
  metadata: Record<string, string> | undefined;
  idleTimeoutS: number | undefined;
  waitS: number | undefined;
  from: number | undefined;
  limit: number | undefined;
  follow: boolean;
  cancelOnExit: boolean;
}

/** Parses `argv` (without node and the script); a mistake throws a `CliError` with exit code 2. */
export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains some mistakes over several lines: the first says what was wrong.
    throw usageError((error as Error).message.split('\n')[0] as string);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  const base = {
    args: {},
    apiKey: values['api-key'],
    baseUrl: values['base-url'],
    json: values.json ?? false,
    metadata: undefined,
    idleTimeoutS: undefined,
    waitS: undefined,
    from: undefined,
    limit: undefined,
    follow: false,
    cancelOnExit: false,
  };
  if (values.version) return { ...base, command: 'version' };
  if (values.help || name === undefined || name === 'help') return { ...base, command: 'help' };
  if (!Object.hasOwn(COMMANDS, name)) throw usageError(`unknown command: ${name}`);
  const command = name as CommandName;
  const spec: { args: readonly string[]; options: readonly OptionName[] } = COMMANDS[command];
  for (const option of Object.keys(values) as OptionName[]) {
    if (option !== 'version' && !COMMON.includes(option) && !spec.options.includes(option))
      throw usageError(`${command} does not take --${option}`);
  }
  if (rest.length < spec.args.length)
    throw usageError(`${command}: missing <${spec.args[rest.length]}>`);
  if (rest.length > spec.args.length)
    throw usageError(`${command}: unexpected argument: ${rest[spec.args.length]}`);
  const args = Object.fromEntries(spec.args.map((arg, i) => [arg, rest[i] as string]));
  return {
    ...base,
    command,
    args,
    metadata: values.metadata && parseMetadata(values.metadata),
    idleTimeoutS: wholeNumber('--idle-timeout', values['idle-timeout'], 0, 86_400),
    waitS: wholeNumber('--wait', values.wait, 0, 60),
    from: wholeNumber('--from', values.from, 0, Number.MAX_SAFE_INTEGER),
    // The API's own bound (100 sessions, 500 events a page) is checked by the SDK.
    limit: wholeNumber('--limit', values.limit, 1, 500),
    follow: values.follow ?? false,
    cancelOnExit: values['cancel-on-exit'] ?? false,
  };
}

/**
 * `--from -1` as `--from=-1`: parseArgs reads a value starting with a dash as a missing value,
 * and the user meant the number, which is then refused as a number.
 */
function joinNegativeValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') return [...joined, ...argv.slice(i)]; // the rest is positional
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (
      name !== undefined &&
      Object.hasOwn(OPTIONS, name) &&
      OPTIONS[name as OptionName].type === 'string' &&
      next !== undefined &&
      /^-\d/.test(next)
    ) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else joined.push(arg);
  }
  return joined;
}

/** `--metadata k=v` entries as an object; the API checks the counts and lengths. */
function parseMetadata(entries: string[]): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at < 1) throw badInput(`--metadata: expected key=value, got ${JSON.stringify(entry)}`);
    metadata[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return metadata;
}

/** A whole number in `[min, max]`, or undefined when the option was not given. */
function wholeNumber(
  option: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max))
    throw badInput(
      `${option}: expected a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got ${JSON.stringify(value)}`,
    );
  return number;
}
