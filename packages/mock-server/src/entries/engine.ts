// `@agent-sessions/mock-server/engine`: everything that runs without Node. Nothing imported
// here may reach a Node built-in (test/engine-entry-bundle.test.ts bundles it for the browser
// and fails on one); the root entry adds the Node server and fixture directories.

export type { MockAdminClientOptions, MockClockReading } from '../admin/admin-client.js';
export { MockAdminClient } from '../admin/admin-client.js';
export type {
  AdminMethod,
  AdminRoute,
  AsyncMockAdmin,
  MockAdmin,
  MockStats,
  SessionInspection,
} from '../admin/routes.js';
export { ADMIN_ROUTES } from '../admin/routes.js';
export type { AdminAccessOptions } from '../api/cors.js';
export { ADMIN_TOKEN_HEADER } from '../api/cors.js';
export type { EngineRequest, EngineResponse } from '../api/engine-request.js';
export type { OperationId } from '../api/operations.js';
export { OPERATION_IDS } from '../api/operations.js';
export type { ProblemCode } from '../api/problem.js';
export { ProblemError } from '../api/problem.js';
export type { Clock, ClockOption, HostTime, RealClockOption } from '../engine/clock.js';
export { VIRTUAL_EPOCH_MS } from '../engine/clock.js';
export type { JournalEntry, JournalFilter, MockJournal } from '../engine/journal.js';
export type { MockEngineOptions, RetentionOptions } from '../engine/mock-engine.js';
export { DEFAULT_SCENARIO, MockEngine } from '../engine/mock-engine.js';
export {
  BodyTooLargeError,
  FixtureError,
  MockAdminError,
  MockConnectionReset,
  MockError,
  MockInputError,
  MockRangeError,
  SessionStateError,
} from '../errors.js';
export type {
  ChaosOptions,
  DelayRange,
  FaultEntry,
  FaultKind,
  FaultRule,
} from '../faults/fault-set.js';
export { FAULT_KINDS } from '../faults/fault-set.js';
export type { ScenarioName } from '../fixture/catalog.js';
export { scenarios } from '../fixture/catalog.js';
export type {
  Fixture,
  FixtureEvent,
  FixtureStep,
  FixtureTurn,
  FixtureTurnEnd,
} from '../fixture/fixture.js';
export {
  FIXTURE_FORMAT,
  FIXTURE_VERSION,
  parseFixture,
  parseFixtureJson,
  stringifyFixture,
} from '../fixture/fixture.js';
export type { RecordOptions } from '../fixture/recorder.js';
export { fixtureFromEvents, recordSession } from '../fixture/recorder.js';
