import { type Fixture, scenarios } from '@agent-sessions/mock-server';
import type { ScenarioInfo } from '../src/config';

/**
 * The `define` entry that hands the page its scenario picker: the fixtures the mock server
 * plays (default: its built-in catalog), so the picker never drifts from the server.
 */
export function scenarioDefine(fixtures: readonly Fixture[] = Object.values(scenarios)) {
  const catalog: ScenarioInfo[] = fixtures.map(({ name, description }) => ({ name, description }));
  return { __PLAYGROUND_SCENARIOS__: JSON.stringify(catalog) };
}
