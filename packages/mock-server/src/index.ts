// `@agent-sessions/mock-server`: the Node-free engine entry plus what needs Node (the HTTP
// server and fixture directories).
export * from './entries/engine.js';
export { loadFixtureDir } from './node/fixture-dir.js';
export type { MockServer, MockServerOptions } from './node/server.js';
export { createMockServer } from './node/server.js';
