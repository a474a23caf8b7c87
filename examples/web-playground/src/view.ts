import { isEventType, type SessionEvent } from '@agent-sessions/sdk-core';
import { type Action, allowedActions } from './actions';
import { describeEvent } from './describe-event';
import { LaneMap } from './lanes';
import { type SessionSummary, summarize } from './session-summary';

/** Everything the page shows about the watched session. */
export interface ViewState {
  /** The session's id; `undefined` before the first start. */
  sessionId: string | undefined;
  /** Its events so far, in order. */
  events: readonly SessionEvent[];
  /** The action whose request is in flight (its buttons wait for it). */
  busy: Action | 'start' | undefined;
  /** A problem to show (a failed call, a watch that gave up). */
  notice: string | undefined;
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
function activity(summary: SessionSummary, idleTimeoutS: number): string | undefined {
  switch (summary.state) {
    case 'queued':
      return 'Queued…';
    case 'running':
      return summary.steps > 0 ? `Working… ${summary.steps} steps so far` : 'Working…';
    case 'paused':
      return 'Paused. Resume, or send a message to resume with it.';
    case 'idle':
      return `Waiting for your reply (turn ${summary.turn + 1})${idleTimeoutS ? `; ends after ${idleTimeoutS} s of silence` : ''}.`;
    case 'interrupted':
      return 'Cancelled.';
    case 'completed':
      return 'Session completed.';
    case 'failed':
      return 'Session failed.';
    default:
      // Before the first event there is nothing to say; a state a newer server added is named.
      return summary.state && `State: ${summary.state}.`;
  }
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
    const summary = summarize(state.events);
    this.#renderStatus(state, summary);
    this.#renderControls(state, summary);
    this.#appendEvents(state.events);
    this.#renderChat(state.events, summary);
    const notice = byId<HTMLParagraphElement>('notice');
    notice.hidden = state.notice === undefined;
    notice.textContent = state.notice ?? '';
  }

  #renderStatus(state: ViewState, summary: SessionSummary): void {
    const pill = byId('state');
    const label = summary.state ?? (state.sessionId ? 'starting' : 'no session');
    pill.textContent = label;
    pill.dataset.state = summary.state ?? 'none';
    byId('steps').textContent = count(summary.steps);
    const { usage } = summary;
    byId('tokens').textContent = count(usage.total_tokens);
    byId('tokens').title = `${count(usage.input_tokens)} in · ${count(usage.output_tokens)} out`;
    byId('turn').textContent = summary.turn ? String(summary.turn) : '–';
    byId('session-id').textContent = state.sessionId ?? '';
  }

  #renderControls(state: ViewState, summary: SessionSummary): void {
    const allowed = allowedActions(summary.state);
    for (const [action, button] of Object.entries(this.#buttons)) {
      button.disabled = state.busy !== undefined || !allowed.has(action as Action);
    }
    const canSend = allowed.has('send');
    this.#message.disabled = !canSend;
    this.#send.disabled = !canSend || state.busy !== undefined;
    this.#message.placeholder = !canSend
      ? state.sessionId
        ? 'The session has ended'
        : 'Start a session to talk to the agent'
      : summary.state === 'idle'
        ? 'Reply to start the next turn'
        : 'Send a message to steer the agent';
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

  #renderChat(events: readonly SessionEvent[], summary: SessionSummary): void {
    const entries: HTMLLIElement[] = [];
    for (const event of events) {
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
    const note = activity(summary, this.#idleTimeoutS);
    if (note) {
      const busy = summary.state === 'running' || summary.state === 'queued';
      entries.push(element('li', `chat-note${busy ? ' busy' : ''}`, note));
    }
    byId('chat').replaceChildren(...entries);
  }
}
