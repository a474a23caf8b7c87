import type { AgentSessions } from '@agent-sessions/sdk-web';
import { createContext, createElement, type ReactNode, useContext } from 'react';
import { usageError } from './usage-error.js';

const ClientContext = createContext<AgentSessions | undefined>(undefined);

/** Props of {@link AgentSessionsProvider}. */
export interface AgentSessionsProviderProps {
  /** The client of the components below: `useSession(id)` and {@link useAgentSessions} use it. */
  client: AgentSessions;
  children?: ReactNode;
}

/**
 * Gives the components below a client, so `useSession(id)` works with a bare session id and
 * {@link useAgentSessions} returns it.
 *
 * @example
 * const client = new AgentSessions({ apiKey: getToken });
 * createRoot(root).render(
 *   <AgentSessionsProvider client={client}>
 *     <App />
 *   </AgentSessionsProvider>,
 * );
 */
export function AgentSessionsProvider({ client, children }: AgentSessionsProviderProps) {
  return createElement(ClientContext.Provider, { value: client }, children);
}

/** The client of the nearest {@link AgentSessionsProvider}, or `undefined` outside one. */
export function useOptionalAgentSessions(): AgentSessions | undefined {
  return useContext(ClientContext);
}

/**
 * The client of the nearest {@link AgentSessionsProvider}: to start sessions from a component.
 * Throws a `BadRequestError` (path `AgentSessionsProvider.client`) outside a provider.
 *
 * @example
 * const client = useAgentSessions();
 * const start = async () => setId((await client.sessions.start({ input })).id);
 */
export function useAgentSessions(): AgentSessions {
  const client = useContext(ClientContext);
  if (!client) {
    throw usageError(
      'AgentSessionsProvider.client',
      'useAgentSessions() found no client: render the component inside <AgentSessionsProvider client={client}>',
    );
  }
  return client;
}
