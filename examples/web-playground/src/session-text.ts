import type { SessionState } from '@agent-sessions/react';

/** What the session shows of itself in words: its state, steps and turn. */
export interface SessionProgress {
  state: SessionState | undefined;
  step_count: number;
  turn: number;
}

/**
 * What the agent is doing, for the last line of the conversation; `undefined` before the first
 * event (nothing to say yet).
 *
 * @example activity({ state: 'running', step_count: 2, turn: 1 }, 0); // 'Working… 2 steps so far'
 */
export function activity(session: SessionProgress, idleTimeoutS: number): string | undefined {
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
      // A state a newer server added is named.
      return session.state && `State: ${session.state}.`;
  }
}

/**
 * What the message box invites to write in `state`.
 *
 * @example placeholder('idle', true); // 'Reply: starts the next turn'
 */
export function placeholder(state: SessionState | undefined, canSend: boolean): string {
  if (state === undefined) return 'Start a session to talk to the agent';
  if (!canSend) return 'The session has ended';
  return state === 'idle' ? 'Reply: starts the next turn' : 'Steer: a message for the agent';
}

/** A count as the page prints it: `12,345`. */
export const count = (n: number) => n.toLocaleString('en');
