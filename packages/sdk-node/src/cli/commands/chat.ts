import { createInterface } from 'node:readline';
import type { Command, CommandContext } from '../context.js';
import { EXIT_CODES, exitCodeForState } from '../exit-codes.js';
import { follow } from '../follow.js';
import { leaveSession } from '../interrupt.js';
import { emptyView, type ViewModel } from '../view-model.js';
import { startFromArgs } from './new-session.js';

/** How long a chat session waits for the next message when `--idle-timeout` is not given. */
export const CHAT_IDLE_TIMEOUT_S = 600;

/**
 * `chat`: one session with an idle window; each line typed is the next message (the first
 * starts the session), the agent's work shows live, then its answer and the prompt again.
 * End with Ctrl-D (the session waits out its idle window) or Ctrl-C (detach, or cancel with
 * `--cancel-on-exit`).
 */
export const chat: Command = async (context) => {
  const { args, out, signal } = context;
  const chatContext: CommandContext = {
    ...context,
    args: { ...args, idleTimeoutS: args.idleTimeoutS ?? CHAT_IDLE_TIMEOUT_S },
  };
  const stdin = process.stdin;
  const terminal = stdin.isTTY === true && out.tty;
  const rl = createInterface({ input: stdin, output: out.stdout, terminal });
  // On a terminal readline reads Ctrl-C as a key: it is the same Ctrl-C as everywhere else.
  rl.on('SIGINT', () => process.emit('SIGINT'));
  signal.addEventListener('abort', () => rl.close(), { once: true });
  rl.setPrompt(out.mode === 'human' ? out.paint('bold', 'you> ') : '');
  let id: string | undefined;
  let next = 0;
  let view: ViewModel | undefined;
  const prompt = () => out.mode === 'human' && rl.prompt();
  prompt();
  try {
    for await (const typed of rl) {
      const line = typed.trim();
      if (line === '/exit' || line === '/quit') break;
      if (line === '') {
        prompt();
        continue;
      }
      // While the agent works, the terminal is given back to the kernel: Ctrl-C is a signal
      // again and keys typed meanwhile wait in its buffer for the next prompt.
      rl.pause();
      if (terminal) stdin.setRawMode(false);
      if (id === undefined) {
        const started = await startFromArgs(chatContext, line);
        id = started.id;
        view = emptyView(id);
        if (out.mode === 'human')
          out.line(
            out.paint(
              'dim',
              `${id}: waits ${chatContext.args.idleTimeoutS}s for each next message`,
            ),
          );
      } else {
        await context.client.sessions.send(id, line);
      }
      if (signal.aborted) return leaveSession(chatContext, id, next);
      const followed = await follow(chatContext, id, { from: next, untilAnswer: true, view });
      next = followed.next;
      if (followed.interrupted) return leaveSession(chatContext, id, next);
      if (followed.session.state !== 'idle') return exitCodeForState(followed.session.state);
      if (terminal) stdin.setRawMode(true);
      rl.resume();
      prompt();
    }
  } finally {
    rl.close();
  }
  if (signal.aborted) {
    if (out.mode === 'human') out.line('');
    return id === undefined ? EXIT_CODES.sigint : leaveSession(chatContext, id, next);
  }
  if (id !== undefined && out.mode === 'human')
    out.line(out.paint('dim', `${id} stays idle until its idle window ends, then completes`));
  return EXIT_CODES.ok;
};
