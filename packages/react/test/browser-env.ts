// Types of the commands the Node side (vitest.config.ts) gives the tests in Chromium.
import type { MockServerRequest } from './mock-commands.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Starts a real mock server in Node; resolves with its URL. See test/mock-commands.ts. */
    startMockServer(request: MockServerRequest): Promise<string>;
    /** Stops the mock server at `url`. */
    stopMockServer(url: string): Promise<void>;
  }
}
