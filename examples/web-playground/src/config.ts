/** A scenario of the mock server's catalog, as the picker shows it. */
export interface ScenarioInfo {
  name: string;
  description: string;
}

/** The scenarios the mock server plays (`metadata.scenario`), from its own catalog. */
export const scenarios: ScenarioInfo[] = __PLAYGROUND_SCENARIOS__;

/** Where the API is: the mock server the start script launched, else the CLI's default port. */
export const baseUrl = import.meta.env.VITE_AGENT_SESSIONS_URL ?? 'http://127.0.0.1:4010';

/** The key the mock server accepts (it is no secret: the mock only knows `test-key`). */
export const mockApiKey = import.meta.env.VITE_AGENT_SESSIONS_KEY ?? 'test-key';

/**
 * Seconds a conversation waits in `idle` for the next message. The mock runs sped up, so
 * 300 server seconds are a minute at the playground's default speed (5x).
 */
export const CONVERSATION_IDLE_TIMEOUT_S = 300;
