import type { FetchLike, Platform } from '../../src/index.js';

/** One request as the injected fetch saw it. */
export interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/**
 * A fetch that answers from `answers` in turn (the last one repeats) and records every
 * request: the transport is exercised whole, with no server.
 */
export function scriptedFetch(...answers: (() => Response | Promise<Response>)[]) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    seen.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: await request.text(),
    });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    if (!answer) throw new Error('no answer scripted');
    return answer();
  };
  return { fetch, seen };
}

/** A JSON response. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** An RFC 9457 problem body as the API sends it, for `code` with `status`. */
export const problem = (status: number, code: string) => ({
  type: 'about:blank',
  title: code,
  status,
  code,
  detail: `the ${code} detail`,
  request_id: 'req_1',
});

/** A Session body the API would send. */
export const session = (id = 'ses_unit1') => ({
  id,
  state: 'running',
  step_count: 1,
  usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
  turn: 1,
  idle_timeout_s: 300,
  answer: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  metadata: {},
});

/** Timers the test fires by hand; retry sleeps recorded and returned at once. */
export function controlledPlatform(): {
  platform: Partial<Platform>;
  fireTimers(): void;
  sleeps: number[];
} {
  const timers = new Map<number, () => void>();
  let next = 0;
  const sleeps: number[] = [];
  return {
    platform: {
      setTimeout: (callback) => {
        timers.set(++next, callback);
        return next;
      },
      clearTimeout: (handle) => {
        timers.delete(handle as number);
      },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    },
    fireTimers() {
      for (const [handle, callback] of [...timers]) {
        timers.delete(handle);
        callback();
      }
    },
    sleeps,
  };
}
