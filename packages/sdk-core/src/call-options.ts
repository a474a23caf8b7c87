import { headerRecordIssues } from './header-values.js';
import { hookIssues } from './hooks.js';
import { idempotencyKeyIssues } from './idempotency-key.js';
import type { MutationOptions, RequestOptions } from './options.js';
import { countIssue, refuse } from './refuse.js';

/**
 * Refuses bad per-call options (`timeoutMs: 0`, an empty `idempotencyKey`, a header value
 * with a line break), naming them and never quoting a header value.
 */
export function checkRequestOptions(options: MutationOptions, where: string): void {
  const { timeoutMs, maxRetries, idempotencyKey: key } = options;
  const issues = [
    ...countIssue('options.timeoutMs', timeoutMs, 1),
    ...countIssue('options.maxRetries', maxRetries, 0),
    ...(key === undefined ? [] : idempotencyKeyIssues('options.idempotencyKey', key)),
    ...headerRecordIssues('options.headers', options.headers),
    ...hookIssues('options.hooks', options.hooks),
  ];
  if (issues.length > 0) refuse(`Invalid request, not sent: ${where} - `, issues);
}

const REQUEST_OPTION_KEYS = [
  'signal',
  'timeoutMs',
  'maxRetries',
  'headers',
  'query',
  'fetchOptions',
  'hooks',
] as const;

/** Splits a method's options into the request options and the remaining (wire) parameters. */
export function splitOptions<P extends MutationOptions>(
  params: P,
): [MutationOptions, Omit<P, keyof MutationOptions>] {
  const options: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const name in params) {
    const value = params[name];
    if (name === 'idempotencyKey' || (REQUEST_OPTION_KEYS as readonly string[]).includes(name))
      options[name] = value;
    else rest[name] = value;
  }
  return [options as MutationOptions, rest as Omit<P, keyof MutationOptions>];
}

/** Just the options of a read (no idempotency key): for the calls a composite method makes. */
export function readOptions(options: RequestOptions): RequestOptions {
  const read: Record<string, unknown> = {};
  for (const name of REQUEST_OPTION_KEYS) {
    if (options[name] !== undefined) read[name] = options[name];
  }
  return read as RequestOptions;
}
