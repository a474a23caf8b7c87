import { onTestFinished } from 'vitest';
import {
  type EngineRequest,
  type EngineResponse,
  MockEngine,
  type MockEngineOptions,
  scenarios,
} from '../../src/index.js';

/** A response read whole. */
export interface EngineReply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** An engine for one test (closed when it ends), called with web Requests: no sockets. */
export function startEngine(options: MockEngineOptions = {}) {
  const engine = new MockEngine({ fixtures: Object.values(scenarios), ...options });
  onTestFinished(() => engine.close());
  const read = async (response: Response): Promise<EngineReply> => {
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, text, body };
  };
  const call = async (
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; key?: string | null } = {},
  ): Promise<EngineReply> => {
    const key = init.key === undefined ? 'test-key' : init.key;
    const headers: Record<string, string> = {
      ...(key === null ? {} : { Authorization: `Bearer ${key}` }),
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...init.headers,
    };
    const body =
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body);
    return read(
      await engine.handle(
        new Request(`http://mock.test${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
        }),
      ),
    );
  };
  /** Serves a raw {@link EngineRequest}: any method, any target bytes. */
  const raw = (
    request: Partial<EngineRequest> & { method: string; url: string },
  ): Promise<EngineResponse> =>
    engine.serve({
      headers: new Headers(),
      signal: new AbortController().signal,
      text: async () => '',
      ...request,
    });
  const create = async (body: unknown = { input: 'What is the capital of France?' }) =>
    call('POST', '/v1/sessions', { body });
  return { engine, call, raw, create };
}

/** The parsed body of a string EngineResponse. */
export function bodyOf(response: EngineResponse): any {
  if (typeof response.body !== 'string') throw new Error('expected a string body');
  return JSON.parse(response.body);
}
