import { isEventType } from '@agent-sessions/protocol';
import { readOptions } from '../call-options.js';
import { SessionEndedError } from '../errors.js';
import type { ClientContext } from '../operations/context.js';
import { sendMessage } from '../operations/send-message.js';
import { type AnswerOptions, type AskOptions, DEFAULT_WAIT_S } from '../session-types.js';
import { poll } from './watch.js';

/** The final answer of the current turn (or of `turn`); `SessionEndedError` if none comes. */
export async function answer(
  client: ClientContext,
  id: string,
  options: AnswerOptions = {},
): Promise<string> {
  const { turn, wait_s = DEFAULT_WAIT_S, ...request } = options;
  let wanted = turn;
  let state = '';
  let reason: string | undefined;
  let error: { code: string; message: string } | undefined;
  for await (const page of poll(client, id, 0, wait_s, request)) {
    wanted ??= page.turn;
    for (const event of page.events) {
      if (isEventType(event, 'answer') && event.turn === wanted) return event.data.content;
      if (isEventType(event, 'state_changed')) reason = event.data.reason;
      if (isEventType(event, 'error'))
        error = { code: event.data.code, message: event.data.message };
    }
    state = page.state;
  }
  throw new SessionEndedError({ sessionId: id, state, reason, error });
}

/** Sends `text`, then waits for the answer of the turn it lands in. */
export async function ask(
  client: ClientContext,
  id: string,
  text: string,
  options: AskOptions = {},
): Promise<string> {
  const sent = await sendMessage(client, id, text, options);
  return answer(client, id, {
    ...readOptions(options),
    wait_s: options.wait_s,
    turn: sent.session.turn,
  });
}
