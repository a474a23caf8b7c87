import { isTerminal, type SessionState } from '@agent-sessions/react';

/** A steering action the page offers. */
export type Action = 'send' | 'pause' | 'resume' | 'forceAnswer' | 'cancel';

/**
 * Which actions make sense in `state` (the API answers the others with 409 `invalid_state`,
 * or does nothing): pause a run, resume a pause, force an answer from a turn in progress,
 * send or cancel until the session ends. Before a session exists, none.
 *
 * @example allowedActions('paused'); // Set { 'send', 'resume', 'forceAnswer', 'cancel' }
 */
export function allowedActions(state: SessionState | undefined): ReadonlySet<Action> {
  if (state === undefined || isTerminal(state)) return new Set();
  switch (state) {
    case 'queued':
    case 'running':
      return new Set(['send', 'pause', 'forceAnswer', 'cancel']);
    case 'paused':
      return new Set(['send', 'resume', 'forceAnswer', 'cancel']);
    default:
      // `idle`, and states a newer server may add: talking and stopping stay safe.
      return new Set(['send', 'cancel']);
  }
}
