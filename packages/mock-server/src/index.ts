export type {
  AdminMethod,
  AdminRoute,
  AsyncMockAdmin,
  MockAdmin,
  MockStats,
  SessionInspection,
} from './admin.js';
export { ADMIN_ROUTES } from './admin.js';
export type { ScenarioName } from './catalog.js';
export { scenarios } from './catalog.js';
export type { Clock, ClockOption, RealClockOption } from './clock.js';
export { VIRTUAL_EPOCH_MS } from './clock.js';
export type { MockClockReading, MockControlOptions } from './control.js';
export { MockControl, MockControlError } from './control.js';
export type { AdminAccessOptions } from './cors.js';
export { ADMIN_TOKEN_HEADER } from './cors.js';
export type { MockEngineOptions, RetentionOptions } from './engine.js';
export { DEFAULT_SCENARIO, MockEngine } from './engine.js';
export type { EngineRequest, EngineResponse } from './engine-request.js';
export { BodyTooLargeError } from './engine-request.js';
export type { ChaosOptions, DelayRange, FaultEntry, FaultKind, FaultRule } from './faults.js';
export { FAULT_KINDS } from './faults.js';
export type { Fixture, FixtureEvent, FixtureStep, FixtureTurn, FixtureTurnEnd } from './fixture.js';
export {
  FIXTURE_FORMAT,
  FIXTURE_VERSION,
  FixtureError,
  parseFixture,
  parseFixtureJson,
  stringifyFixture,
} from './fixture.js';
export type { JournalEntry, JournalFilter, MockJournal } from './journal.js';
export { loadFixtureDir } from './node/fixture-dir.js';
export type { MockServer, MockServerOptions } from './node/server.js';
export { createMockServer } from './node/server.js';
export type { OperationId } from './operations.js';
export { OPERATION_IDS } from './operations.js';
export type { RecordOptions } from './recorder.js';
export { fixtureFromEvents, recordSession } from './recorder.js';
