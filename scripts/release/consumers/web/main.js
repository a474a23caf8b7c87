// A browser consumer of the published sdk-web, built by Vite: runs one session against the mock
// server named in `?mock=`, and also checks that a secret key is refused without the opt-in.
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
  const client = new AgentSessions({ apiKey: 'test-key', baseUrl, dangerouslyAllowBrowser: true });
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
