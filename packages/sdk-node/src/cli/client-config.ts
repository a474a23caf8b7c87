import {
  AgentSessions,
  API_KEY_ENV,
  BASE_URL_ENV,
  DEFAULT_BASE_URL,
  type Logger,
} from '../index.js';
import type { ParsedArgs } from './args.js';
import { badInput, CliError, EXIT_CODES, type KeySource } from './exit-codes.js';

/** The SDK's log lines go to stderr, so they never mix with the output a script reads. */
const stderrLogger: Logger = {
  error: (...args: unknown[]) => console.error(...args),
  warn: (...args: unknown[]) => console.error(...args),
  info: (...args: unknown[]) => console.error(...args),
  debug: (...args: unknown[]) => console.error(...args),
};

/**
 * The client for the command line's options, with the SDK's own environment fallbacks named in
 * every refusal: the key's value is never printed.
 */
export function clientFromArgs(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv,
): { client: AgentSessions; source: KeySource } {
  const keyName = args.apiKey !== undefined ? '--api-key' : API_KEY_ENV;
  const urlName = args.baseUrl !== undefined ? '--base-url' : BASE_URL_ENV;
  const apiKey = args.apiKey ?? env[API_KEY_ENV];
  const baseUrl = args.baseUrl ?? env[BASE_URL_ENV] ?? DEFAULT_BASE_URL;
  if (apiKey === undefined || apiKey === '')
    throw new CliError(`no API key: pass --api-key or set ${API_KEY_ENV}`, EXIT_CODES.unauthorized);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
  if (/[\u0000-\u001f\u007f]/.test(apiKey))
    throw badInput(`${keyName}: the API key contains a line break or control character`);
  // `localhost:4010` parses as a URL whose scheme is `localhost:`: only http(s) is an API.
  if (!/^https?:\/\/[^/]/i.test(baseUrl) || !URL.canParse(baseUrl))
    throw badInput(
      `${urlName}: expected an http:// or https:// URL, e.g. http://127.0.0.1:4010, got ${JSON.stringify(withoutCredentials(baseUrl))}`,
    );
  // fetch refuses a URL with credentials, and the error it throws quotes the URL whole.
  const parsed = new URL(baseUrl);
  if (parsed.username !== '' || parsed.password !== '')
    throw badInput(
      `${urlName}: a user or password in the URL is not sent; pass the key with --api-key or ${API_KEY_ENV}`,
    );
  const client = new AgentSessions({ apiKey, baseUrl, logger: stderrLogger });
  return { client, source: { key: keyName, baseUrl: withoutCredentials(baseUrl) } };
}

/** The URL as it may be printed: `user:password@` (a secret) replaced by `***@`. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([^/]*\/\/)?[^/@]*@/, (_, scheme = '') => `${scheme}***@`);
}
