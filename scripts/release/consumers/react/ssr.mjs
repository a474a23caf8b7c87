// A server render in Node with the published packages, as Next.js or Remix do it: useSession
// shows a saved snapshot and makes no request (the client's fetch would record one).
import { AgentSessions, useSession } from '@agent-sessions/react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const requests = [];
const client = new AgentSessions({
  apiKey: async () => 'test-key',
  baseUrl: 'http://127.0.0.1:9',
  fetch: (input) => {
    requests.push(String(input));
    return Promise.reject(new Error('no request in a server render'));
  },
});
const initial = {
  id: 'ses_1',
  state: 'running',
  turn: 1,
  step_count: 1,
  usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
  events: [],
  cursor: 3,
  event_count: 3,
  answer: null,
  done: false,
};

function Status() {
  const { state, step_count, cursor } = useSession('ses_1', { client, initial });
  return createElement('p', null, `${state}, ${step_count} step, cursor ${cursor}`);
}

const html = renderToString(createElement(Status));
// A request would start from a subscription's microtasks: all of them have run by the next task.
await new Promise((resolve) => setTimeout(resolve, 0));
console.log(JSON.stringify({ html, requests }));
