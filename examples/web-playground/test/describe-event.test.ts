import type { SessionEvent } from '@agent-sessions/react';
import { expect, test } from 'vitest';
import { describeEvent } from '../src/describe-event';

const event = (type: string, data: Record<string, unknown>) =>
  ({
    index: 3,
    type,
    created_at: '2026-11-24T10:00:00.000Z',
    turn: 1,
    agent: { id: 'main', parent_id: null },
    data,
  }) as SessionEvent;

test('marks a forced answer', () => {
  expect(describeEvent(event('answer', { content: 'Yes.', forced: true }))).toEqual({
    kind: 'answer',
    label: 'Answer',
    text: 'Yes.',
    marker: 'forced',
  });
  expect(describeEvent(event('answer', { content: 'Yes.', forced: false }))).not.toHaveProperty(
    'marker',
  );
});

test('puts state changes, steps and tool results into words', () => {
  expect(
    describeEvent(event('state_changed', { from: null, to: 'queued', reason: 'created' })).text,
  ).toBe('queued (created)');
  expect(
    describeEvent(event('state_changed', { from: 'running', to: 'paused', reason: 'paused' })).text,
  ).toBe('running → paused (paused)');
  const usage = { input_tokens: 1000, output_tokens: 234, total_tokens: 1234 };
  expect(describeEvent(event('step_finished', { step: 2, usage })).text).toBe(
    'step 2 finished · 1,234 tokens',
  );
  expect(
    describeEvent(
      event('tool_returned', { call_id: 'c', tool: 'fetch', output: 'timeout', is_error: true }),
    ),
  ).toMatchObject({ text: 'fetch → timeout', marker: 'error' });
});

test('shows an unknown event type with its raw data, clipped', () => {
  const described = describeEvent(event('plan_updated', { plan: 'x'.repeat(500) }));
  expect(described).toMatchObject({ kind: 'unknown', label: 'plan_updated', marker: 'new type' });
  expect(described.text.startsWith('{"plan":"xxx')).toBe(true);
  expect(described.text.length).toBe(240);
  expect(described.text.endsWith('…')).toBe(true);
});

test('labels an event the SDK surfaced as (unknown) with the type the server sent', () => {
  const surfaced = { ...event('(unknown)', { plan: 'short' }), original_type: 'plan_updated' };
  expect(describeEvent(surfaced as SessionEvent)).toMatchObject({
    kind: 'unknown',
    label: 'plan_updated',
    text: '{"plan":"short"}',
  });
});

test('says when a sent message never reached the agent', () => {
  expect(
    describeEvent(event('message_dropped', { message_id: 'msg_000002', reason: 'cancelled' })),
  ).toEqual({
    kind: 'message_dropped',
    label: 'Message',
    text: 'msg_000002 never reached the agent (cancelled)',
    marker: 'dropped',
  });
});
