/** The text `agent-sessions --help` prints, and a usage mistake prints after its line. */
export const USAGE = `Usage: agent-sessions <command> [arguments] [options]

Commands:
  run <input>                     start a session, show it work, print its answer
  start <input> [--follow]        start a session and print its id (--follow: then watch it)
  chat                            a conversation on one session: type, watch, read, type again
  ls                              list sessions, newest first
  status <id>                     a session's state, step, tokens and answer
  watch <id> [--from N]           follow a session live until it ends
  events <id> [--from N]          the whole event history
  send <id> <message>             send a message (wakes an idle session, resumes a paused one)
  pause|resume|force|cancel <id>  steer a session (force: answer now with what it has)

Options:
  --api-key <key>      the API key (default: $AGENT_SESSIONS_API_KEY)
  --base-url <url>     the API (default: $AGENT_SESSIONS_BASE_URL, else https://api.agent-sessions.dev)
  --json               one JSON object per line, also in a terminal (the default in a pipe)
  --metadata <k=v>     a metadata entry of a new session (repeatable)
  --idle-timeout <s>   after each answer, wait this long for the next message (run, start, chat)
  --wait <s>           how long each long-poll waits, 0 to 60 (default 30)
  --from <n>           the event index to start from (watch, events)
  --limit <n>          items per page: sessions 1 to 100 (ls), events 1 to 500 (events)
  --follow             watch the session after starting it (start)
  --cancel-on-exit     on Ctrl-C, cancel the session instead of leaving it running
  -h, --help           print this help
  -v, --version        print the version

Environment: AGENT_SESSIONS_API_KEY, AGENT_SESSIONS_BASE_URL, AGENT_SESSIONS_LOG
(off, error, warn, info, debug; logs go to stderr), NO_COLOR.

Exit codes: 0 answered, 1 failed or API error, 2 usage, 3 unauthorized, 4 cannot connect,
5 interrupted (cancelled), 130 Ctrl-C.
`;
