import { AgentSessions, AgentSessionsProvider } from '@agent-sessions/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { baseUrl, mockApiKey } from './config';

// A function, not a string: the way a real page gets a short-lived token from its own backend
// (a static key in page code is readable by anyone). The mock's key is no secret: it returns it.
const client = new AgentSessions({ baseUrl, apiKey: async () => mockApiKey });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AgentSessionsProvider client={client}>
      <App />
    </AgentSessionsProvider>
  </StrictMode>,
);
