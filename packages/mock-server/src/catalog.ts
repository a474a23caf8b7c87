import conversation from '../fixtures/conversation.json';
import delegation from '../fixtures/delegation.json';
import failure from '../fixtures/failure.json';
import longRun from '../fixtures/long-run.json';
import shortAnswer from '../fixtures/short-answer.json';
import slow from '../fixtures/slow.json';
import toolCalls from '../fixtures/tool-calls.json';
import { type Fixture, parseFixture } from './fixture.js';

/** The name of a built-in scenario. */
export type ScenarioName =
  | 'short-answer'
  | 'long-run'
  | 'tool-calls'
  | 'delegation'
  | 'conversation'
  | 'failure'
  | 'slow';

/**
 * The built-in scenario catalog, keyed by name (the files in the package's `fixtures/`). A new
 * session plays `metadata.scenario`, else `short-answer`.
 *
 * - `short-answer`: two quick steps, then an answer (the default).
 * - `long-run`: twelve 50 s steps with tool calls and growing token usage (about ten minutes).
 * - `tool-calls`: tool calls and results, one of them failing.
 * - `delegation`: two subagents whose events interleave.
 * - `conversation`: three turns (use with `idle_timeout_s`); the last repeats.
 * - `failure`: ends `failed` with an `error` event.
 * - `slow`: eight 30 s steps: room to pause, steer, force and cancel.
 *
 * @example
 * await createMockServer({ fixtures: [scenarios['tool-calls']] });
 */
export const scenarios: Readonly<Record<ScenarioName, Fixture>> = {
  'short-answer': parseFixture(shortAnswer, 'fixtures/short-answer.json'),
  'long-run': parseFixture(longRun, 'fixtures/long-run.json'),
  'tool-calls': parseFixture(toolCalls, 'fixtures/tool-calls.json'),
  delegation: parseFixture(delegation, 'fixtures/delegation.json'),
  conversation: parseFixture(conversation, 'fixtures/conversation.json'),
  failure: parseFixture(failure, 'fixtures/failure.json'),
  slow: parseFixture(slow, 'fixtures/slow.json'),
};
