import { createSessionsHandler } from '@agent-sessions/server';
import { userFromRequest } from '../../../../lib/demo-user';

// Every request the page's SDK makes lands here. The handler checks who is asking (your auth),
// lets through only the API's own operations on that user's own sessions, and adds the key,
// which never leaves the server.
const handler = createSessionsHandler({
  apiKey: process.env.AGENT_SESSIONS_API_KEY,
  baseUrl: process.env.AGENT_SESSIONS_BASE_URL ?? 'https://api.agent-sessions.dev',
  basePath: '/api/agent-sessions',
  user: async (request) => userFromRequest(request),
});

export { handler as GET, handler as POST };
