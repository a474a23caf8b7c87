import { AgentSessions, createSessionStore, type SessionStore } from '@agent-sessions/sdk-web';
import type { Action } from './actions';
import { baseUrl, CONVERSATION_IDLE_TIMEOUT_S, mockApiKey, scenarios } from './config';
import { type Notice, PlaygroundView, type ViewState } from './view';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// A function, not a string: the way a real page gets a short-lived token from its own backend
// (a static key in page code is readable by anyone). The mock's key is no secret: it returns it.
const client = new AgentSessions({ baseUrl, apiKey: async () => mockApiKey });
const view = new PlaygroundView();

let state: ViewState = { session: undefined, busy: undefined, notice: undefined };
/** The watched session's store, and how to stop watching it. */
let watched: { store: SessionStore; stop: () => void } | undefined;

function update(patch: Partial<ViewState>): void {
  state = { ...state, ...patch };
  view.render(state);
}

const failure = (what: string, error: unknown): Notice => ({
  text: `${what}: ${error instanceof Error ? error.message : String(error)}`,
  tone: 'error',
});

/**
 * Runs one steering call, keeping the buttons still until it is answered; then says what
 * happens next (`done`) when the state alone will not show it yet.
 */
async function act(
  action: Action,
  call: (store: SessionStore) => Promise<unknown>,
  done?: string,
): Promise<boolean> {
  if (!watched) return false;
  update({ busy: action, notice: undefined });
  try {
    await call(watched.store);
    update({ busy: undefined, notice: done ? { text: done, tone: 'info' } : undefined });
    return true;
  } catch (error) {
    update({ busy: undefined, notice: failure(`${action} failed`, error) });
    return false;
  }
}

function watch(store: SessionStore): () => void {
  return store.subscribe(() => {
    const session = store.getSnapshot();
    const { notice } = state;
    // "Answer requested" and the like are news only until the state moves on.
    const stale = notice?.tone === 'info' && session.state !== state.session?.state;
    update({
      session,
      notice: session.error
        ? failure('Watching stopped', session.error)
        : stale
          ? undefined
          : notice,
    });
  });
}

async function start(input: string, scenario: string, idleTimeoutS: number) {
  watched?.stop();
  watched = undefined;
  view.reset(idleTimeoutS);
  update({ session: undefined, busy: 'start', notice: undefined });
  try {
    // Returns as soon as the session exists; the store then watches it live.
    const handle = await client.sessions.start({
      input,
      idle_timeout_s: idleTimeoutS,
      metadata: { scenario },
    });
    const store = createSessionStore(handle);
    const unsubscribe = watch(store);
    watched = {
      store,
      stop: () => {
        unsubscribe();
        store.stop();
      },
    };
    update({ session: store.getSnapshot(), busy: undefined });
  } catch (error) {
    update({ busy: undefined, notice: failure('Starting failed', error) });
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
  // Delegation first: it shows the most (subagents in their lanes).
  if (scenarios.some(({ name }) => name === 'delegation')) select.value = 'delegation';
  input.value = 'Research the question and give me a short answer.';
  onScenario();
  select.addEventListener('change', onScenario);
  byId<HTMLFormElement>('start-form').addEventListener('submit', (event) => {
    event.preventDefault();
    start(input.value, select.value, Number(idleTimeout.value) || 0);
  });
}

function setUpControls() {
  byId('pause').addEventListener('click', () => act('pause', (s) => s.session.pause()));
  byId('resume').addEventListener('click', () => act('resume', (s) => s.session.resume()));
  byId('force').addEventListener('click', () =>
    act(
      'forceAnswer',
      (s) => s.session.forceAnswer(),
      'Answer requested: the agent answers after its current step.',
    ),
  );
  byId('cancel').addEventListener('click', () => act('cancel', (s) => s.session.cancel()));
  const message = byId<HTMLInputElement>('message');
  byId<HTMLFormElement>('message-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = message.value.trim();
    if (!text) return;
    const sent = await act(
      'send',
      (s) => s.session.send(text),
      'Message sent: the agent reads it at its next step.',
    );
    if (sent) message.value = '';
  });
}

byId('server-url').textContent = baseUrl;
setUpStartForm();
setUpControls();
view.render(state);
