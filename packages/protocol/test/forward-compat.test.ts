import { describe, expect, test } from 'vitest';
import {
  isEventType,
  isTerminal,
  KNOWN_EVENT_TYPES,
  KNOWN_SESSION_STATES,
  parseWireEvent,
  requestSchemas,
  validate,
  type WireEvent,
  zChanges,
  zProblem,
  zSession,
} from '../src/index.js';
import { spec } from './spec.js';

const envelope = {
  index: 7,
  created_at: '2026-11-24T10:00:00.000Z',
  turn: 1,
  agent: { id: 'main', parent_id: null },
};

const session = {
  id: 'ses_1',
  state: 'running',
  step_count: 1,
  usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
  turn: 1,
  idle_timeout_s: 0,
  answer: null,
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:00.000Z',
  metadata: {},
};

describe('reading what a newer server sends', () => {
  test('responses keep unknown fields: Session, Usage, the event envelope, Changes', () => {
    const newer = {
      ...session,
      priority: 'high',
      usage: { ...session.usage, cached_tokens: 4 },
    };
    expect(validate(zSession, newer)).toEqual({ success: true, data: newer });
    const event = { ...envelope, type: 'thought', data: { content: 'hm' }, trace_id: 't1' };
    expect(parseWireEvent(event)).toEqual({ success: true, data: event });
    const changes = {
      events: [event],
      next: 8,
      state: 'running',
      turn: 1,
      answer: null,
      terminal: false,
      cursor_hint: 'x',
    };
    expect(validate(zChanges, changes)).toEqual({ success: true, data: changes });
  });

  test('timestamps with a numeric offset are valid RFC 3339', () => {
    const offset = { ...session, created_at: '2026-01-01T02:00:00+02:00' };
    expect(validate(zSession, offset).success).toBe(true);
    expect(
      parseWireEvent({ ...envelope, type: 'x', data: {}, created_at: '2026-01-01T02:00:00-05:30' })
        .success,
    ).toBe(true);
    expect(validate(zSession, { ...session, created_at: '2026-01-01 02:00' }).success).toBe(false);
  });

  test('requests stay strict: an unknown field is refused', () => {
    const result = validate(requestSchemas.createSession, { input: 'x', extra: 1 }, 'body');
    expect(result).toEqual({
      success: false,
      issues: [{ path: 'body.extra', message: 'is not a known field' }],
    });
  });

  test('an unknown event type is surfaced with its raw payload', () => {
    const raw = {
      ...envelope,
      type: 'sandbox_snapshot',
      data: { bytes: 1024, nested: { a: [1] } },
    };
    const result = parseWireEvent(raw);
    expect(result).toEqual({ success: true, data: raw });
  });

  test('an unknown session state is accepted in a Session and in Changes', () => {
    expect(validate(zSession, { ...session, state: 'hibernating' }).success).toBe(true);
    const changes = {
      events: [],
      next: 0,
      state: 'hibernating',
      turn: 1,
      answer: null,
      terminal: false,
    };
    expect(validate(zChanges, changes).success).toBe(true);
  });

  test('unknown fields do not fail, on sessions, events and event payloads', () => {
    expect(validate(zSession, { ...session, region: 'eu' }).success).toBe(true);
    const answer = {
      ...envelope,
      type: 'answer',
      data: { content: 'hi', forced: false, citations: [] },
      cost: 1,
    };
    const parsed = parseWireEvent(answer);
    expect(parsed.success).toBe(true);
  });

  test('an unknown error code is accepted in a problem body', () => {
    const problem = {
      type: 'about:blank',
      title: 'x',
      status: 402,
      code: 'quota_exceeded',
      request_id: 'r',
    };
    expect(validate(zProblem, problem).success).toBe(true);
  });
});

describe('known events stay fully validated', () => {
  test('a known event with a wrongly typed field is rejected, naming the path', () => {
    const bad = { ...envelope, type: 'answer', data: { content: 'hi', forced: 'yes' } };
    const result = parseWireEvent(bad, 'events[3]');
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.issues.map((i) => i.path)).toContain('events[3].data.forced');
  });

  test('a known event missing a required payload field is rejected', () => {
    const result = parseWireEvent({ ...envelope, type: 'step_finished', data: { step: 1 } });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.path).toBe('data.usage');
  });

  test('a broken envelope is rejected even for unknown types', () => {
    const result = parseWireEvent({ ...envelope, index: -1, type: 'whatever', data: {} });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.path).toBe('index');
  });

  test('every known event type parses and narrows', () => {
    const samples: Record<string, object> = {
      state_changed: { from: null, to: 'queued', reason: 'created' },
      message_received: { message_id: 'm', content: 'hi' },
      message_dropped: { message_id: 'm', reason: 'cancelled' },
      step_started: { step: 1 },
      step_finished: { step: 1, usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } },
      thought: { content: 'hmm' },
      tool_called: { call_id: 'c', tool: 'search', input: { q: 'x' } },
      tool_returned: { call_id: 'c', tool: 'search', output: 'ok', is_error: false },
      subagent_started: { subagent_id: 's', task: 't' },
      subagent_finished: { subagent_id: 's', result: 'r' },
      answer: { content: 'a', forced: true },
      error: { code: 'x', message: 'y' },
    };
    expect(Object.keys(samples).sort()).toEqual([...KNOWN_EVENT_TYPES].sort());
    for (const [type, data] of Object.entries(samples)) {
      const result = parseWireEvent({ ...envelope, type, data });
      expect(result.success, type).toBe(true);
    }
    const answer: WireEvent = {
      ...envelope,
      type: 'answer',
      data: { content: 'a', forced: true },
    };
    expect(isEventType(answer, 'answer') && answer.data.forced).toBe(true);
    expect(isEventType(answer, 'thought', 'error')).toBe(false);
  });
});

describe('requests are validated strictly', () => {
  test('an unknown field in a request body is refused, naming it', () => {
    const result = validate(requestSchemas.createSession, { input: 'hi', idle_timeout: 5 }, 'body');
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.issues).toEqual([
        { path: 'body.idle_timeout', message: 'is not a known field' },
      ]);
  });

  test('a wrongly typed field names its path', () => {
    const result = validate(
      requestSchemas.createSession,
      { input: '', idle_timeout_s: 1.5 },
      'body',
    );
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues.map((i) => i.path).sort()).toEqual([
        'body.idle_timeout_s',
        'body.input',
      ]);
    }
  });

  test('refuses 5,000 metadata entries (the spec allows 16), naming body.metadata', () => {
    const entries = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    const at = (n: number) =>
      validate(requestSchemas.createSession, { input: 'hi', metadata: entries(n) }, 'body');
    expect(at(16).success).toBe(true);
    for (const n of [17, 5_000]) {
      const result = at(n);
      expect(result.success).toBe(false);
      if (!result.success)
        expect(result.issues).toEqual([
          { path: 'body.metadata', message: 'expected at most 16 entries' },
        ]);
    }
  });

  test('refuses a metadata value longer than 500 characters', () => {
    const result = validate(
      requestSchemas.createSession,
      { input: 'hi', metadata: { note: 'x'.repeat(501) } },
      'body',
    );
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.path).toBe('body.metadata.note');
  });

  test('every maxProperties in the spec is enforced by its validator', async () => {
    const generated: Record<string, unknown> = await import('../src/generated/zod.gen.js');
    const limited = Object.entries<{ maxProperties?: number }>(spec.components.schemas).filter(
      ([, schema]) => schema.maxProperties !== undefined,
    );
    expect(limited.length).toBeGreaterThan(0);
    for (const [name, schema] of limited) {
      const tooMany = Object.fromEntries(
        Array.from({ length: schema.maxProperties! + 1 }, (_, i) => [`k${i}`, 'v']),
      );
      const result = validate(generated[`z${name}`] as typeof zSession, tooMany);
      expect(result.success, name).toBe(false);
    }
  });

  test('a valid body passes', () => {
    expect(validate(requestSchemas.sendMessage, { content: 'go on' }).success).toBe(true);
  });
});

describe('helpers', () => {
  test('the state and event type lists are the spec enums', () => {
    expect(KNOWN_SESSION_STATES).toEqual(spec.components.schemas.KnownSessionState.enum);
    expect(KNOWN_EVENT_TYPES).toEqual(spec.components.schemas.KnownEventType.enum);
  });

  test('isTerminal is true exactly for completed, interrupted and failed', () => {
    expect(KNOWN_SESSION_STATES.filter(isTerminal)).toEqual(['completed', 'interrupted', 'failed']);
    expect(isTerminal('hibernating')).toBe(false);
  });
});
