/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Agent Sessions API the page talks to (the start script sets it to the mock server). */
  readonly VITE_AGENT_SESSIONS_URL?: string;
  /** The mock server's API key. Default: `test-key`, the mock's default. */
  readonly VITE_AGENT_SESSIONS_KEY?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

/** The mock server's scenario catalog, put in by `vite.config.ts`. */
declare const __PLAYGROUND_SCENARIOS__: import('./config').ScenarioInfo[];
