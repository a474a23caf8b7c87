'use client';

import { AgentSessions, AgentSessionsProvider } from '@agent-sessions/react';
import type { ReactNode } from 'react';

// No key in the page: every request goes to this app's own route
// (app/api/agent-sessions/[...path]/route.ts), which knows who is signed in and adds the key.
// Next.js also runs this module on the server: a path is resolved against the page's location
// when a request is made, and the server render makes none.
const client = new AgentSessions({ baseUrl: '/api/agent-sessions' });

/** Gives every client component below `useSession(id)` and `useAgentSessions()`. */
export function Providers({ children }: { children: ReactNode }) {
  return <AgentSessionsProvider client={client}>{children}</AgentSessionsProvider>;
}
