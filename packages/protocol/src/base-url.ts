/**
 * Where the hosted API lives: the SDKs' default `baseUrl`, and the origin the mock server's MSW
 * handlers answer on by default. One constant, so the two cannot drift apart.
 *
 * @example new URL('/v1/sessions', DEFAULT_BASE_URL).href // 'https://api.agent-sessions.dev/v1/sessions'
 */
export const DEFAULT_BASE_URL = 'https://api.agent-sessions.dev';
