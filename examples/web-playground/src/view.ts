import {
  isEventType,
  type SessionEvent,
  type SessionSnapshot,
  type SessionState,
} from '@agent-sessions/sdk-web';
import { type Action, allowedActions } from './actions';
import { describeEvent } from './describe-event';
import { LaneMap } from './lanes';

/** Everything the page shows. */
export interface ViewState {
  /** The watched session, from its store; `undefined` before the first start. */
  session: SessionSnapshot | undefined;
  /** The action whose request is in flight (its buttons wait for it). */
  busy: Action | 'start' | undefined;
  /** A line under the controls: what a call did, or why it failed. */
  notice: Notice | undefined;
}

/** What a call did (`info`), or why it failed (`error`). */
export interface Notice {
  text: string;
  tone: 'info' | 'error';
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const count = (n: number) => n.toLocaleString('en');

/** What the agent is doing, for the last line of the conversation. */
function activity(session: SessionSnapshot, idleTimeoutS: number): string | undefined {
  switch (session.state) {
    case 'queued':
      return 'Queued…';
    case 'running':
      if (session.step_count === 0) return 'Working…';
      return `Working… ${session.step_count} step${session.step_count === 1 ? '' : 's'} so far`;
    case 'paused':
      return 'Paused. Resume, or send a message to resume with it.';
    case 'idle':
      return `Waiting for your reply (turn ${session.turn + 1})${idleTimeoutS ? `; ends after ${idleTimeoutS} s of silence` : ''}.`;
    case 'interrupted':
      return 'Cancelled.';
    case 'completed':
      return 'Session completed.';
    case 'failed':
      return 'Session failed.';
    default:
      // Before the first event there is nothing to say; a state a newer server added is named.
      return session.state && `State: ${session.state}.`;
  }
}

/** What the message box invites to write, in `state`. */
function placeholder(state: SessionState | undefined, canSend: boolean): string {
  if (state === undefined) return 'Start a session to talk to the agent';
  if (!canSend) return 'The session has ended';
  return state === 'idle' ? 'Reply: starts the next turn' : 'Steer: a message for the agent';
}

/**
 * The page's DOM: renders a {@link ViewState}. Events are appended as they arrive (the
 * stream is never rebuilt), so a long session stays cheap and the reader's scroll position holds.
 */
export class PlaygroundView {
  readonly #buttons: Record<Exclude<Action, 'send'>, HTMLButtonElement> = {
    pause: byId('pause'),
    resume: byId('resume'),
    forceAnswer: byId('force'),
    cancel: byId('cancel'),
  };
  readonly #send = byId<HTMLButtonElement>('send');
  readonly #message = byId<HTMLInputElement>('message');
  readonly #start = byId<HTMLButtonElement>('start');
  readonly #events = byId<HTMLOListElement>('events');
  readonly #scroll = byId<HTMLDivElement>('events-scroll');
  #lanes = new LaneMap();
  #shown = 0;
  #idleTimeoutS = 0;

  /** Clears the stream for a new session. */
  reset(idleTimeoutS: number): void {
    this.#lanes = new LaneMap();
    this.#shown = 0;
    this.#idleTimeoutS = idleTimeoutS;
    this.#events.replaceChildren();
  }

  /** Shows `state`. */
  render(state: ViewState): void {
    const { session } = state;
    this.#renderStatus(session);
    this.#renderControls(state);
    this.#appendEvents(session?.events ?? []);
    this.#renderChat(session);
    const notice = byId<HTMLParagraphElement>('notice');
    notice.hidden = state.notice === undefined;
    notice.textContent = state.notice?.text ?? '';
    notice.dataset.tone = state.notice?.tone ?? '';
  }

  #renderStatus(session: SessionSnapshot | undefined): void {
    const pill = byId('state');
    pill.textContent = session ? (session.state ?? 'starting') : 'no session';
    pill.dataset.state = session?.state ?? 'none';
    byId('steps').textContent = count(session?.step_count ?? 0);
    const usage = session?.usage;
    byId('tokens').textContent = count(usage?.total_tokens ?? 0);
    byId('tokens').title = usage
      ? `${count(usage.input_tokens)} in · ${count(usage.output_tokens)} out`
      : '';
    byId('turn').textContent = session?.turn ? String(session.turn) : '–';
    byId('session-id').textContent = session?.id ?? '';
  }

  #renderControls(state: ViewState): void {
    const allowed = allowedActions(state.session?.state);
    for (const [action, button] of Object.entries(this.#buttons)) {
      button.disabled = state.busy !== undefined || !allowed.has(action as Action);
    }
    const canSend = allowed.has('send');
    this.#message.disabled = !canSend;
    this.#send.disabled = !canSend || state.busy !== undefined;
    this.#message.placeholder = placeholder(state.session?.state, canSend);
    this.#start.disabled = state.busy === 'start';
  }

  #appendEvents(events: readonly SessionEvent[]): void {
    const atBottom =
      this.#scroll.scrollTop + this.#scroll.clientHeight >= this.#scroll.scrollHeight - 24;
    for (const event of events.slice(this.#shown)) this.#events.append(this.#eventRow(event));
    this.#shown = events.length;
    byId('event-count').textContent = events.length ? String(events.length) : '';
    byId('events-empty').hidden = events.length > 0;
    if (atBottom) this.#scroll.scrollTop = this.#scroll.scrollHeight;
  }

  #eventRow(event: SessionEvent): HTMLLIElement {
    const lane = this.#lanes.laneOf(event.agent);
    const { kind, label, text, marker } = describeEvent(event);
    const row = element('li', `event kind-${kind} lane-${lane.colour}`);
    row.style.setProperty('--depth', String(lane.depth));
    row.dataset.type = event.type;
    row.dataset.agent = event.agent.id;
    const head = element('div', 'event-head');
    head.append(
      element('span', 'event-index', `#${event.index}`),
      element('span', 'event-agent', event.agent.id),
      element('span', 'event-label', label),
    );
    if (marker)
      head.append(element('span', `marker marker-${marker.replace(/\W+/g, '-')}`, marker));
    row.append(head, element('p', 'event-text', text));
    return row;
  }

  #renderChat(session: SessionSnapshot | undefined): void {
    const entries: HTMLLIElement[] = [];
    for (const event of session?.events ?? []) {
      if (isEventType(event, 'message_received')) {
        entries.push(element('li', 'bubble user', event.data.content));
      } else if (isEventType(event, 'answer') && event.agent.parent_id === null) {
        const bubble = element('li', 'bubble agent answer');
        if (event.data.forced) bubble.append(element('span', 'marker marker-forced', 'forced'));
        bubble.append(element('p', 'answer-text', event.data.content));
        entries.push(bubble);
      } else if (isEventType(event, 'error')) {
        entries.push(element('li', 'bubble error', event.data.message));
      }
    }
    const note = session && activity(session, this.#idleTimeoutS);
    if (note) {
      const busy = session.state === 'running' || session.state === 'queued';
      entries.push(element('li', `chat-note${busy ? ' busy' : ''}`, note));
    }
    byId('chat').replaceChildren(...entries);
  }
}
