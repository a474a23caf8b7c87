import type { OperationId } from './operations.js';

/** The operation a request is for, and the session it names. */
export interface Route {
  operation: OperationId;
  sessionId?: string;
}

const CONTROL_ACTIONS = {
  pause: 'pauseSession',
  resume: 'resumeSession',
  'force-answer': 'forceSessionAnswer',
  cancel: 'cancelSession',
  messages: 'sendSessionMessage',
} as const satisfies Record<string, OperationId>;

/**
 * Maps a request to the spec operation it calls: a {@link Route}, `'method'` when the path
 * exists but not with this method, or undefined when no operation has this path.
 */
export function route(method: string, path: string): Route | 'method' | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'v1' || parts[1] !== 'sessions' || parts.length > 4) return undefined;
  const sessionId = parts[2] === undefined ? undefined : decodeURIComponent(parts[2]);
  const action = parts[3];
  const expect = (wanted: string, operation: OperationId): Route | 'method' =>
    method === wanted ? { operation, ...(sessionId === undefined ? {} : { sessionId }) } : 'method';
  if (sessionId === undefined) {
    return method === 'POST' ? expect('POST', 'createSession') : expect('GET', 'listSessions');
  }
  if (action === undefined) return expect('GET', 'getSession');
  if (action === 'changes') return expect('GET', 'getSessionChanges');
  if (action === 'events') return expect('GET', 'listSessionEvents');
  if (action in CONTROL_ACTIONS) {
    return expect('POST', CONTROL_ACTIONS[action as keyof typeof CONTROL_ACTIONS]);
  }
  return undefined;
}

/**
 * The query string as an object for the spec's schema. Values arrive as text, so the named
 * integer parameters are converted when they look like integers (else left for the schema to
 * refuse with a message naming them).
 */
export function readQuery(url: URL, integers: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    out[key] = integers.includes(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}
