import type { SessionEvent, SessionState, Usage } from '../index.js';
import { printable } from './format.js';

/** One agent of the session (the main one or a subagent), as the live view shows it. */
export interface Lane {
  id: string;
  /** The agent that started it; null for `main`. */
  parentId: string | null;
  /** How deep it is: 0 for `main`, 1 for its subagents, ... */
  depth: number;
  /** The latest thing it did, in a few words: a thought, a tool call, a result. */
  latest: string;
  /** Whether the latest is a tool that failed. */
  failed: boolean;
  /** True once `subagent_finished` named it. */
  finished: boolean;
}

/** What the live view shows, folded from the events (and a snapshot when there is one). */
export interface ViewModel {
  id: string;
  state: SessionState | undefined;
  step: number;
  turn: number;
  usage: Usage;
  /** Server time of the first and of the latest event, for the elapsed time. */
  startedAt: number | undefined;
  latestAt: number | undefined;
  lanes: Map<string, Lane>;
  /** The latest turn's answer, once it landed. */
  answer: { content: string; forced: boolean } | undefined;
  error: { code: string; message: string } | undefined;
  /** The cursor: the index after the latest event folded in. */
  next: number;
}

export function emptyView(id: string): ViewModel {
  return {
    id,
    state: undefined,
    step: 0,
    turn: 1,
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    startedAt: undefined,
    latestAt: undefined,
    lanes: new Map(),
    answer: undefined,
    error: undefined,
    next: 0,
  };
}

/** One line of printable text, so a lane stays one terminal line whatever the server sent. */
const oneLine = (text: string) => printable(text.replace(/\s+/g, ' '));

function lane(view: ViewModel, id: string, parentId: string | null): Lane {
  let found = view.lanes.get(id);
  if (!found) {
    const depth = parentId === null ? 0 : (view.lanes.get(parentId)?.depth ?? 0) + 1;
    found = { id, parentId, depth, latest: '', failed: false, finished: false };
    view.lanes.set(id, found);
  }
  return found;
}

/** Folds one event into the view (in place). */
export function foldEvent(view: ViewModel, event: SessionEvent): void {
  const at = Date.parse(event.created_at);
  view.startedAt ??= at;
  view.latestAt = at;
  view.next = Math.max(view.next, event.index + 1);
  if (event.turn > view.turn) {
    view.turn = event.turn;
    view.answer = undefined;
  }
  const agent = lane(view, event.agent.id, event.agent.parent_id);
  switch (event.type) {
    case 'state_changed':
      view.state = event.data.to;
      break;
    case 'step_started':
      view.step = Math.max(view.step, event.data.step);
      break;
    case 'step_finished':
      view.usage = {
        input_tokens: view.usage.input_tokens + event.data.usage.input_tokens,
        output_tokens: view.usage.output_tokens + event.data.usage.output_tokens,
        total_tokens: view.usage.total_tokens + event.data.usage.total_tokens,
      };
      break;
    case 'message_received':
      agent.latest = `message: ${oneLine(event.data.content)}`;
      agent.failed = false;
      break;
    case 'thought':
      agent.latest = `thinks: ${oneLine(event.data.content)}`;
      agent.failed = false;
      break;
    case 'tool_called':
      agent.latest = oneLine(`calls ${event.data.tool} ${JSON.stringify(event.data.input)}`);
      agent.failed = false;
      break;
    case 'tool_returned':
      agent.latest = oneLine(
        `${event.data.tool} ${event.data.is_error ? 'failed' : 'returned'}: ${event.data.output}`,
      );
      agent.failed = event.data.is_error;
      break;
    case 'subagent_started':
      lane(view, event.data.subagent_id, event.agent.id).latest =
        `task: ${oneLine(event.data.task)}`;
      agent.latest = oneLine(`delegates to ${event.data.subagent_id}`);
      break;
    case 'subagent_finished': {
      const sub = lane(view, event.data.subagent_id, event.agent.id);
      sub.finished = true;
      sub.latest = `done: ${oneLine(event.data.result)}`;
      break;
    }
    case 'answer':
      // The answer is printed under the lanes; the agent's line keeps what led to it.
      view.answer = { content: event.data.content, forced: event.data.forced };
      break;
    case 'error':
      view.error = { code: event.data.code, message: event.data.message };
      agent.latest = oneLine(`error ${event.data.code}: ${event.data.message}`);
      agent.failed = true;
      break;
    case 'message_dropped':
      agent.latest = oneLine(`message ${event.data.message_id} dropped (${event.data.reason})`);
      break;
    default:
      agent.latest = oneLine(event.original_type);
  }
}
