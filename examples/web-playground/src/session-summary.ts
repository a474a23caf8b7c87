import {
  isEventType,
  type SessionEvent,
  type SessionState,
  type Usage,
} from '@agent-sessions/sdk-core';

/** What the status bar shows, read from a session's events. */
export interface SessionSummary {
  /** The state the last `state_changed` moved to; `undefined` before the first event. */
  state: SessionState | undefined;
  /** Steps finished, over all turns and agents. */
  steps: number;
  /** Tokens used, summed over finished steps. */
  usage: Usage;
  /** The turn of the latest event (from 1). */
  turn: number;
}

/**
 * Reads the status bar's figures from the event log: the API defines the session's step
 * count and usage as the sums over `step_finished` events, so the log is enough and always
 * in step with the stream shown next to it.
 *
 * @example summarize(events); // { state: 'running', steps: 2, usage: { ..., total_tokens: 1900 }, turn: 1 }
 */
export function summarize(events: readonly SessionEvent[]): SessionSummary {
  const summary: SessionSummary = {
    state: undefined,
    steps: 0,
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    turn: 0,
  };
  for (const event of events) {
    summary.turn = event.turn;
    if (isEventType(event, 'state_changed')) summary.state = event.data.to;
    if (isEventType(event, 'step_finished')) {
      summary.steps += 1;
      summary.usage.input_tokens += event.data.usage.input_tokens;
      summary.usage.output_tokens += event.data.usage.output_tokens;
      summary.usage.total_tokens += event.data.usage.total_tokens;
    }
  }
  return summary;
}
