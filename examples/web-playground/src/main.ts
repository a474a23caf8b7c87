import { AgentSessions, type SessionHandle } from '@agent-sessions/sdk-core';
import type { Action } from './actions';
import { baseUrl, CONVERSATION_IDLE_TIMEOUT_S, mockApiKey, scenarios } from './config';
import { createSessionStore } from './interim-store';
import { PlaygroundView, type ViewState } from './view';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// A function, not a string: the way a real page gets a short-lived token from its own backend.
// The mock's key is no secret, so it simply returns it.
const client = new AgentSessions({ baseUrl, apiKey: async () => mockApiKey });
const view = new PlaygroundView();

let state: ViewState = { sessionId: undefined, events: [], busy: undefined, notice: undefined };
let watched: { handle: SessionHandle; stop: () => void } | undefined;

function update(patch: Partial<ViewState>): void {
  state = { ...state, ...patch };
  view.render(state);
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs one call of the session's handle, keeping the buttons still until it is answered. */
async function act(action: Action, call: (handle: SessionHandle) => Promise<unknown>) {
  if (!watched) return;
  update({ busy: action, notice: undefined });
  try {
    await call(watched.handle);
    update({ busy: undefined });
  } catch (error) {
    update({ busy: undefined, notice: `${action} failed: ${describeError(error)}` });
  }
}

async function start(input: string, scenario: string, idleTimeoutS: number) {
  watched?.stop();
  watched = undefined;
  view.reset(idleTimeoutS);
  update({ sessionId: undefined, events: [], busy: 'start', notice: undefined });
  try {
    const handle = await client.sessions.start({
      input,
      idle_timeout_s: idleTimeoutS,
      metadata: { scenario },
    });
    const store = createSessionStore(handle);
    const unsubscribe = store.subscribe(() => {
      const snapshot = store.getSnapshot();
      update({
        events: snapshot.events,
        ...(snapshot.error ? { notice: `Watching stopped: ${describeError(snapshot.error)}` } : {}),
      });
    });
    watched = {
      handle,
      stop: () => {
        unsubscribe();
        store.stop();
      },
    };
    update({ sessionId: handle.id, busy: undefined });
  } catch (error) {
    update({ busy: undefined, notice: `Starting failed: ${describeError(error)}` });
  }
}

function setUpStartForm() {
  const select = byId<HTMLSelectElement>('scenario');
  const description = byId('scenario-description');
  const idleTimeout = byId<HTMLInputElement>('idle-timeout');
  const input = byId<HTMLTextAreaElement>('input');
  for (const { name } of scenarios) select.append(new Option(name, name));
  const onScenario = () => {
    const scenario = scenarios.find(({ name }) => name === select.value);
    description.textContent = scenario?.description ?? '';
    // Only the conversation has turns after the first; the others end on their answer.
    idleTimeout.value = String(select.value === 'conversation' ? CONVERSATION_IDLE_TIMEOUT_S : 0);
  };
  select.value = scenarios.some(({ name }) => name === 'delegation') ? 'delegation' : select.value;
  input.value = 'Research the question and give me a short answer.';
  onScenario();
  select.addEventListener('change', onScenario);
  byId<HTMLFormElement>('start-form').addEventListener('submit', (event) => {
    event.preventDefault();
    start(input.value, select.value, Number(idleTimeout.value) || 0);
  });
}

function setUpControls() {
  byId('pause').addEventListener('click', () => act('pause', (handle) => handle.pause()));
  byId('resume').addEventListener('click', () => act('resume', (handle) => handle.resume()));
  byId('force').addEventListener('click', () =>
    act('forceAnswer', (handle) => handle.forceAnswer()),
  );
  byId('cancel').addEventListener('click', () => act('cancel', (handle) => handle.cancel()));
  const message = byId<HTMLInputElement>('message');
  byId<HTMLFormElement>('message-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = message.value.trim();
    if (!text) return;
    await act('send', (handle) => handle.send(text));
    if (state.notice === undefined) message.value = '';
  });
}

byId('server-url').textContent = baseUrl;
setUpStartForm();
setUpControls();
view.render(state);
