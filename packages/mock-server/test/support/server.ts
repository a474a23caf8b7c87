import type {
  Changes,
  SentMessage,
  Session,
  SessionToken,
  WireEvent,
} from '@agent-sessions/protocol';
import { expect, onTestFinished } from 'vitest';
import {
  createMockServer,
  type Fixture,
  type MockServer,
  type MockServerOptions,
} from '../../src/index.js';
import { checkResponse, type Observed } from './openapi-contract.js';

/** A started server whose every response is checked against the spec when the test ends. */
export interface TestServer extends MockServer {
  /** Every spec operation's response seen so far, checked. */
  observed(): Promise<Observed[]>;
}

/**
 * Starts a mock server for one test; when the test finishes it is closed and every response it
 * sent must have matched the OpenAPI document.
 */
export async function startServer(options: MockServerOptions = {}): Promise<TestServer> {
  const checks: Promise<Observed | undefined>[] = [];
  const server = await createMockServer({
    ...options,
    onResponse: (request, response) => {
      checks.push(checkResponse(request, response));
    },
  });
  const observed = async () =>
    (await Promise.all(checks)).filter((entry): entry is Observed => entry !== undefined);
  onTestFinished(async () => {
    await server.close();
    expect((await observed()).flatMap((entry) => entry.problems)).toEqual([]);
  });
  return { ...server, observed };
}

/** A response read whole: status, headers and parsed JSON body. */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A tiny raw HTTP client for one server (the SDKs are tested elsewhere; this is the wire). */
export function api(server: Pick<MockServer, 'url'>, key: string | null = 'test-key') {
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(key === null ? {} : { Authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
  const session = (id: string) => `/v1/sessions/${id}`;
  return {
    call,
    create: (body: unknown, headers?: Record<string, string>) =>
      call<Session>('POST', '/v1/sessions', body, headers),
    get: (id: string) => call<Session>('GET', session(id)),
    changes: (id: string, from = 0, waitS = 0) =>
      call<Changes>('GET', `${session(id)}/changes?from=${from}&wait_s=${waitS}`),
    events: (id: string, query = '') => call('GET', `${session(id)}/events${query}`),
    message: (id: string, content: string, headers?: Record<string, string>) =>
      call<SentMessage>('POST', `${session(id)}/messages`, { content }, headers),
    control: (
      id: string,
      action: 'pause' | 'resume' | 'force-answer' | 'cancel',
      headers?: Record<string, string>,
    ) => call<Session>('POST', `${session(id)}/${action}`, undefined, headers),
    mintToken: (id: string, body: unknown, headers?: Record<string, string>) =>
      call<SessionToken>('POST', `${session(id)}/tokens`, body, headers),
    /** Long-polls until the session is terminal (or idle with `untilIdle`); returns every event. */
    async drain(id: string, untilIdle = false): Promise<WireEvent[]> {
      const events: WireEvent[] = [];
      for (;;) {
        const { status, body } = await call<Changes>(
          'GET',
          `${session(id)}/changes?from=${events.length}&wait_s=60`,
        );
        expect(status).toBe(200);
        events.push(...body.events);
        if (body.terminal || (untilIdle && body.state === 'idle')) return events;
      }
    },
  };
}

/** `type` or `type:from->to` for each event: a compact, readable log to compare in tests. */
export function summarize(events: WireEvent[]): string[] {
  return events.map((event) => {
    const data = event.data as Record<string, unknown>;
    if (event.type === 'state_changed') return `state:${data.from}->${data.to}(${data.reason})`;
    if (event.type === 'answer') return `answer${data.forced ? '(forced)' : ''}`;
    return event.type;
  });
}

/** The answer a fixture's turn ends with (the turn must end with one). */
export function answerOf(fixture: Fixture, turn = 0): string {
  const end = fixture.turns[turn]!.end;
  if (!('answer' in end)) throw new Error(`turn ${turn} of ${fixture.name} ends with an error`);
  return end.answer;
}
