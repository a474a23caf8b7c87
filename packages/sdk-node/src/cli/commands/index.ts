import type { CommandName } from '../args.js';
import type { Command } from '../context.js';
import { chat } from './chat.js';
import { cancel, force, pause, resume } from './control.js';
import { events } from './events.js';
import { ls } from './ls.js';
import { run } from './run.js';
import { send } from './send.js';
import { start } from './start.js';
import { status } from './status.js';
import { watch } from './watch.js';

/** Each command's implementation, by the name typed. */
export const COMMAND_HANDLERS: Record<CommandName, Command> = {
  run,
  start,
  chat,
  ls,
  status,
  watch,
  events,
  send,
  pause,
  resume,
  force,
  cancel,
};
