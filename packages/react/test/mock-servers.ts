// The mock servers are sdk-web's test rig (started in Node by its browser commands, reached over
// HTTP from the page); this adds what the React tests need on top.
import { AgentSessions } from '@agent-sessions/sdk-web';
import type { MockServerRef } from '../../sdk-web/test/mock-servers.ts';

export {
  type MockServerRef,
  mockServerForFile,
  storedSession,
} from '../../sdk-web/test/mock-servers.ts';

/** A request the page made: method and path (with query). */
export interface SeenRequest {
  method: string;
  path: string;
}

/** A browser client of `server` that records every request it makes in `requests`. */
export function trackedClient(server: MockServerRef) {
  const requests: SeenRequest[] = [];
  const client = new AgentSessions({
    apiKey: 'test-key',
    dangerouslyAllowBrowser: true,
    baseUrl: server.url,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      requests.push({ method: request.method, path: `${url.pathname}${url.search}` });
      return globalThis.fetch(request);
    },
  });
  return { client, requests };
}

/** Long-polls parked on `server` right now. */
export const parkedPolls = async (server: MockServerRef) => (await server.control.stats()).parked;
