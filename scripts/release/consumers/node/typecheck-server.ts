// A strict TypeScript consumer of the published server package (node16 ESM): type-checked, never
// run. The @ts-expect-error lines fail the check if the published types degraded to `any`.
import { createSessionsHandler, type SessionsHandler } from '@agent-sessions/server';
import { toNodeHandler } from '@agent-sessions/server/node';

export const handler: SessionsHandler = createSessionsHandler({
  apiKey: process.env.AGENT_SESSIONS_API_KEY,
  baseUrl: 'https://api.agent-sessions.dev',
  basePath: '/api/agent-sessions',
  user: async (request) => request.headers.get('x-user'),
  start: (body) => ({ ...body, idle_timeout_s: Math.min(body.idle_timeout_s ?? 0, 600) }),
});
export const listener = toNodeHandler(handler);

export async function answer(request: Request): Promise<number> {
  const response: Response = await handler(request);
  // @ts-expect-error the handler resolves with a Response, not a string
  const text: string = await handler(request);
  void text;
  return response.status;
}

createSessionsHandler({
  apiKey: 'key',
  baseUrl: 'https://api.agent-sessions.dev',
  basePath: '/api',
  // @ts-expect-error `user` returns a user id or null, not a number
  user: () => 42,
});
