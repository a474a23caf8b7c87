// A strict TypeScript browser consumer of the published sdk-web: type-checked with the DOM
// library and WITHOUT Node's types, which proves the browser package's declarations need none.
import { AgentSessions, createSessionStore, type SessionEvent } from '@agent-sessions/sdk-web';

export async function watchInPage(
  baseUrl: string,
  getToken: () => Promise<string>,
): Promise<string[]> {
  const client = new AgentSessions({ apiKey: async () => getToken(), baseUrl });
  const session = await client.sessions.start({ input: 'What is the capital of France?' });
  const types: string[] = [];
  for await (const event of session.watch()) {
    const seen: SessionEvent = event;
    types.push(seen.type);
  }
  // @ts-expect-error `dangerouslyAllowBrowser` is a boolean
  new AgentSessions({ apiKey: 'k', baseUrl, dangerouslyAllowBrowser: 'yes' });
  return types;
}

export function bindToPage(
  client: AgentSessions,
  id: string,
  render: (text: string) => void,
): () => void {
  const store = createSessionStore(client.sessions.get(id));
  return store.subscribe(() => render(JSON.stringify(store.getSnapshot())));
}
