import { expect, test } from 'vitest';
import { allowedActions } from '../src/actions';

const allowed = (state: string | undefined) => [...allowedActions(state)].sort();

test('offers pause and force-answer while the agent works, resume while it is paused', () => {
  expect(allowed('queued')).toEqual(['cancel', 'forceAnswer', 'pause', 'send']);
  expect(allowed('running')).toEqual(['cancel', 'forceAnswer', 'pause', 'send']);
  expect(allowed('paused')).toEqual(['cancel', 'forceAnswer', 'resume', 'send']);
});

test('offers a reply and cancel in idle, and in a state a newer server added', () => {
  expect(allowed('idle')).toEqual(['cancel', 'send']);
  expect(allowed('thinking_hard')).toEqual(['cancel', 'send']);
});

test('offers nothing before a session exists or after it ended', () => {
  for (const state of [undefined, 'completed', 'interrupted', 'failed']) {
    expect(allowed(state)).toEqual([]);
  }
});
