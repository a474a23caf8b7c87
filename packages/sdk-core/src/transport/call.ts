import type { ValidationResult } from '@agent-sessions/protocol';
import type { Hooks } from '../hooks.js';
import type { FetchOptions, MutationOptions } from '../options.js';

/** The method and path+query of a request, as errors and logs name it. */
export interface Where {
  method: string;
  path: string;
}

/** One API call, as the operations describe it to the transport. */
export interface Call<T> {
  method: 'GET' | 'POST';
  /** From the root, e.g. `/v1/sessions/ses_1/pause`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** The session the call is for (told to the key provider); none for list and start. */
  sessionId?: string;
  body?: unknown;
  /** Validates the parsed JSON body and gives the result. */
  parse(json: unknown): ValidationResult<T>;
  options: MutationOptions;
  /** Added to the attempt's timeout (a long-poll's `wait_s`). */
  extraTimeoutMs?: number;
}

/** A call with its options checked and everything every attempt shares worked out once. */
export interface Prepared<T> {
  call: Call<T>;
  url: string;
  /** The API's host, for messages (never the key, never user:password). */
  host: string;
  where: Where;
  signal: AbortSignal | undefined;
  idempotencyKey: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  headers: Record<string, string | null> | undefined;
  fetchOptions: FetchOptions | undefined;
  hooks: Hooks;
}
