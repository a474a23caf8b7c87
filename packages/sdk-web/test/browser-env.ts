// Types of what the Node side (vitest.config.ts, global-setup.ts) hands the tests in Chromium.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The mock server's origin, e.g. `http://127.0.0.1:41234`: another origin than the test page's. */
    mockUrl: string;
  }
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Takes the page offline until the test sets `globalThis[flag] = true` (see vitest.config.ts). */
    offlineUntil(flag: string): Promise<void>;
  }
}

export {};
