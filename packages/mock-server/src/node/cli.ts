#!/usr/bin/env node
/**
 * The `agent-sessions-mock` command: `serve` starts the HTTP server, `record` turns a live
 * session into a fixture file. Usage mistakes exit 2 with the usage; runtime errors exit 1.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stringifyFixture } from '../fixture/fixture.js';
import { recordSession } from '../fixture/recorder.js';
import { createMockServer } from './server.js';

const USAGE = `Usage:
  agent-sessions-mock [serve] [--port 4010] [--fixtures DIR] [--speed 1] [--virtual] [--api-key KEY]...
                      [--finished-sessions 1000] [--finished-ttl-ms 86400000] [--read-grace-ms 30000]
                      [--idempotency-keys 10000] [--idempotency-ttl-ms 86400000]
  agent-sessions-mock record --url URL --session ID [--api-key KEY] [--name NAME] [--out FILE]

serve   runs the mock server on 127.0.0.1 (real time, sped up by --speed; --virtual for a
        virtual clock that skips ahead while clients wait). Default port 4010, key test-key.
        Finished sessions are kept up to --finished-sessions (least recently read go first,
        never one read in the last --read-grace-ms of real time) and for --finished-ttl-ms
        after their last read.
record  writes a finished session of any server as a fixture (stdout without --out).`;

/** A mistake in how the command was called: reported with the usage text, exit code 2. */
class UsageError extends Error {}

// parseArgs reports unknown options and missing values as TypeErrors with an ERR_PARSE_ARGS code.
function parse<T>(parseArguments: () => T): T {
  try {
    return parseArguments();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      throw new UsageError((error as Error).message);
    throw error;
  }
}

async function serve(args: string[]): Promise<void> {
  const { values } = parse(() =>
    parseArgs({
      args,
      options: {
        port: { type: 'string', default: '4010' },
        fixtures: { type: 'string' },
        speed: { type: 'string', default: '1' },
        virtual: { type: 'boolean', default: false },
        'api-key': { type: 'string', multiple: true },
        'finished-sessions': { type: 'string' },
        'finished-ttl-ms': { type: 'string' },
        'read-grace-ms': { type: 'string' },
        'idempotency-keys': { type: 'string' },
        'idempotency-ttl-ms': { type: 'string' },
      },
    }),
  );
  const count = (flag: keyof typeof values): number | undefined => {
    const text = values[flag];
    if (text === undefined) return undefined;
    if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) {
      throw new UsageError(`--${flag}: expected an integer >= 0, got ${String(text)}`);
    }
    return Number(text);
  };
  const retention = Object.fromEntries(
    (
      [
        ['finishedSessions', count('finished-sessions')],
        ['finishedSessionTtlMs', count('finished-ttl-ms')],
        ['readGraceMs', count('read-grace-ms')],
        ['idempotencyKeys', count('idempotency-keys')],
        ['idempotencyTtlMs', count('idempotency-ttl-ms')],
      ] as const
    ).filter(([, value]) => value !== undefined),
  );
  const port = Number(values.port);
  const speed = Number(values.speed);
  if (!Number.isInteger(port) || port < 0)
    throw new UsageError(`--port: expected a port number, got ${values.port}`);
  if (!(speed > 0)) throw new UsageError(`--speed: expected a number > 0, got ${values.speed}`);
  const server = await createMockServer({
    port,
    ...(values.fixtures ? { fixtures: values.fixtures } : {}),
    clock: values.virtual ? 'virtual' : { mode: 'real', speed },
    ...(values['api-key'] ? { apiKeys: values['api-key'] } : {}),
    retention,
  });
  const mode = values.virtual ? 'virtual clock' : `real time x${speed}`;
  console.log(`Agent Sessions mock server listening on ${server.url} (${mode})`);
  console.log(`Scenarios: ${server.scenarioNames.join(', ')}`);
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function record(args: string[]): Promise<void> {
  const { values } = parse(() =>
    parseArgs({
      args,
      options: {
        url: { type: 'string' },
        session: { type: 'string' },
        'api-key': { type: 'string', default: 'test-key' },
        name: { type: 'string' },
        out: { type: 'string' },
      },
    }),
  );
  if (!values.url || !values.session)
    throw new UsageError('record: --url and --session are required');
  const fixture = await recordSession({
    baseUrl: values.url,
    sessionId: values.session,
    apiKey: values['api-key'],
    ...(values.name ? { name: values.name } : {}),
  });
  const text = stringifyFixture(fixture);
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
}

const [command, ...rest] = process.argv.slice(2);
const run =
  command === 'record'
    ? record(rest)
    : command === 'serve'
      ? serve(rest)
      : command === '--help' || command === '-h'
        ? Promise.resolve(console.log(USAGE))
        : serve(process.argv.slice(2));
run.catch((error: unknown) => {
  // One line on stderr: runtime errors (a refused recording, a port in use) get no usage text;
  // only a usage mistake does, and exits with 2 as command-line tools do.
  const message = (error instanceof Error ? describe(error) : String(error))
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  if (error instanceof UsageError) {
    console.error(`agent-sessions-mock: ${message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`agent-sessions-mock: ${message}`);
  process.exit(1);
});

// `fetch failed` alone says nothing: name the cause too (e.g. `connect ECONNREFUSED 127.0.0.1:1`).
function describe(error: Error): string {
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message;
}
