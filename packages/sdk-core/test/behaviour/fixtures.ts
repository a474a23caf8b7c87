import type { Fixture, FixtureStep } from '@agent-sessions/mock-server';

const main = { id: 'main', parent_id: null };
const usage = { input_tokens: 100, output_tokens: 10, total_tokens: 110 };

function step(events: FixtureStep['events'], duration_ms = 1000): FixtureStep {
  return { delay_ms: 0, duration_ms, usage, events };
}

/**
 * A session whose log has an event type this SDK does not know (`plan_updated`) and a known
 * event with a field it does not know (`thought.confidence`): what a newer server sends.
 */
export const unknownEventsFixture: Fixture = {
  format: 'agent-sessions-fixture',
  version: 1,
  name: 'unknown-events',
  description: 'Events from a newer server: an unknown type and an unknown field.',
  forced: { duration_ms: 100, usage, answer: 'forced' },
  turns: [
    {
      steps: [
        step([
          { at_ms: 100, type: 'plan_updated', agent: main, data: { plan: ['read', 'write'] } },
          { at_ms: 200, type: 'thought', agent: main, data: { content: 'hm', confidence: 0.9 } },
        ]),
      ],
      end: { answer: 'done' },
    },
  ],
};

/** A long session (40 steps, five events each): long enough for chaos to strike many times. */
export const longWatchFixture: Fixture = {
  format: 'agent-sessions-fixture',
  version: 1,
  name: 'long-watch',
  description: 'Forty steps of thoughts and tool calls.',
  forced: { duration_ms: 100, usage, answer: 'forced' },
  turns: [
    {
      steps: Array.from({ length: 40 }, (_, i) =>
        step([
          { at_ms: 100, type: 'thought', agent: main, data: { content: `step ${i + 1}` } },
          {
            at_ms: 200,
            type: 'tool_called',
            agent: main,
            data: { call_id: `call_${i}`, tool: 'search', input: { q: String(i) } },
          },
          {
            at_ms: 300,
            type: 'tool_returned',
            agent: main,
            data: { call_id: `call_${i}`, tool: 'search', output: 'ok', is_error: false },
          },
        ]),
      ),
      end: { answer: 'all forty steps done' },
    },
  ],
};

/** The fixtures both suite servers must load, besides the built-in catalog. */
export const behaviourFixtures: Fixture[] = [unknownEventsFixture, longWatchFixture];
