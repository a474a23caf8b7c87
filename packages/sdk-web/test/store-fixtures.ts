import type { Fixture } from '@agent-sessions/mock-server';

const MAIN = { id: 'main', parent_id: null };
const USAGE = { input_tokens: 10, output_tokens: 2, total_tokens: 12 };
/** Steps of `many-events`, and thoughts per step: 10 x (1,998 + step_started + step_finished). */
const STEPS = 10;
const THOUGHTS_PER_STEP = 1_998;

/**
 * `many-events`: a session whose log holds about 20,000 events (ten steps of 1,998 thoughts),
 * for the store's scaling tests: what a long agent run brings to a page that reloads.
 */
export const manyEvents: Fixture = {
  format: 'agent-sessions-fixture',
  version: 1,
  name: 'many-events',
  description: 'Ten steps of 1,998 thoughts each: about 20,000 events.',
  forced: { duration_ms: 10, usage: USAGE, answer: 'Forced.' },
  turns: [
    {
      steps: Array.from({ length: STEPS }, () => ({
        delay_ms: 0,
        duration_ms: THOUGHTS_PER_STEP + 1,
        usage: USAGE,
        events: Array.from({ length: THOUGHTS_PER_STEP }, (_, at) => ({
          at_ms: at,
          type: 'thought',
          agent: MAIN,
          data: { content: `thought ${at}` },
        })),
      })),
      end: { answer: 'Done.' },
    },
  ],
};

/** The fixtures the sdk-web tests add to every mock server they start. */
export const storeFixtures: Fixture[] = [manyEvents];
