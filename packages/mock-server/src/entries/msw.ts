// `@agent-sessions/mock-server/msw`: the engine as MSW request handlers. `msw` is an optional
// peer dependency; only this entry imports it.
export type { MockHandlers, MockHandlersOptions } from '../msw/mock-handlers.js';
export { createMockHandlers } from '../msw/mock-handlers.js';
