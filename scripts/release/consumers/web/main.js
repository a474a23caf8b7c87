// A browser consumer of the published sdk-web, built by Vite: runs one session against the mock
// server named in `?mock=`, with a token function (the safe way to authenticate a page), and
// checks that a static secret key is refused unless the page opts in.
import { AgentSessions } from '@agent-sessions/sdk-web';

const baseUrl = new URL(location.href).searchParams.get('mock');
const out = document.querySelector('#result');

async function main() {
  let refusal = null;
  try {
    new AgentSessions({ apiKey: 'test-key', baseUrl });
  } catch (error) {
    refusal = `${error.name}: ${error.message}`;
  }
  new AgentSessions({ apiKey: 'test-key', baseUrl, dangerouslyAllowBrowser: true });
  const client = new AgentSessions({ apiKey: async () => 'test-key', baseUrl });
  const { answer, session } = await client.sessions.run({
    input: 'What is the capital of France?',
  });
  return { answer, state: session.state, refusal };
}

main().then(
  (result) => {
    out.textContent = JSON.stringify(result);
    out.dataset.done = 'ok';
  },
  (error) => {
    out.textContent = JSON.stringify({ error: `${error?.name}: ${error?.message}` });
    out.dataset.done = 'error';
  },
);
