'use client';

import { AgentSessions, AgentSessionsProvider } from '@agent-sessions/react';
import type { ReactNode } from 'react';

// No key in the page: every request goes to this app's own route
// (app/api/agent-sessions/[...path]/route.ts), which knows who is signed in and adds the key.
// Next.js also runs this module on the server, where a path has no origin to resolve against
// and sdk-web refuses it (issue 16, item 3); the server render never makes a request, so any
// absolute URL does there.
const client = new AgentSessions({
  baseUrl:
    typeof location === 'undefined'
      ? 'http://server-render.invalid/api/agent-sessions'
      : '/api/agent-sessions',
});

/** Gives every client component below `useSession(id)` and `useAgentSessions()`. */
export function Providers({ children }: { children: ReactNode }) {
  return <AgentSessionsProvider client={client}>{children}</AgentSessionsProvider>;
}
