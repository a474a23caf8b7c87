import { stripVTControlCharacters } from 'node:util';
import type { Session, SessionState } from '../index.js';
import type { Output, Style } from './output.js';

const STATE_STYLES: Record<string, Style> = {
  queued: 'dim',
  running: 'cyan',
  paused: 'yellow',
  idle: 'blue',
  completed: 'green',
  failed: 'red',
  interrupted: 'magenta',
};

/**
 * Text from the server made safe to print on a terminal, on one line: escape sequences removed
 * (a lying server must not move the cursor, retitle the window or hide text), other control
 * characters and line breaks as spaces.
 */
export function printable(text: string): string {
  return (
    stripVTControlCharacters(text)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim()
  );
}

/** A state word, coloured by what it means. */
export const paintState = (out: Output, state: SessionState | undefined) =>
  out.paint(['bold', STATE_STYLES[state ?? ''] ?? 'dim'], printable(state ?? 'starting'));

/** `1,240 tokens`. */
export const formatTokens = (total: number) => `${total.toLocaleString('en-US')} tokens`;

/** `4.5s`, `3m 05s`, `1h 02m`: how long, from milliseconds. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** One line about a session: id, state, step, tokens, elapsed. */
export function sessionLine(out: Output, session: Session): string {
  const elapsed = Date.parse(session.updated_at) - Date.parse(session.created_at);
  return [
    out.paint('bold', printable(session.id)),
    paintState(out, session.state),
    `step ${session.step_count}`,
    formatTokens(session.usage.total_tokens),
    formatElapsed(elapsed),
    ...(session.turn > 1 ? [`turn ${session.turn}`] : []),
  ].join('  ');
}
