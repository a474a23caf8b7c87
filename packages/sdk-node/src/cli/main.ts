import { version } from '../../package.json';
import { parseCommandLine } from './args.js';
import { clientFromArgs } from './client-config.js';
import { COMMAND_HANDLERS } from './commands/index.js';
import { describeFailure, EXIT_CODES, type ExitCode, type KeySource } from './exit-codes.js';
import { printable } from './format.js';
import { trapInterrupts } from './interrupt.js';
import { createOutput } from './output.js';
import { USAGE } from './usage.js';

/**
 * The `agent-sessions` command: parses `argv`, runs the command on the SDK's public API and
 * resolves with the exit code. Failures are one line on stderr (`agent-sessions: ...`); a usage
 * mistake adds the usage.
 */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream } = process,
): Promise<ExitCode> {
  const interrupts = trapInterrupts();
  let source: KeySource = { key: '--api-key', baseUrl: '' };
  try {
    const args = parseCommandLine(argv);
    if (args.command === 'help') {
      io.stdout.write(USAGE);
      return EXIT_CODES.ok;
    }
    if (args.command === 'version') {
      io.stdout.write(`${version}\n`);
      return EXIT_CODES.ok;
    }
    const out = createOutput(args.json, env, io.stdout, io.stderr);
    const created = clientFromArgs(args, env);
    source = created.source;
    return await COMMAND_HANDLERS[args.command]({
      client: created.client,
      args,
      out,
      signal: interrupts.signal,
    });
  } catch (error) {
    if (interrupts.signal.aborted) return EXIT_CODES.sigint;
    const failure = describeFailure(error, source);
    io.stderr.write(`agent-sessions: ${printable(failure.message)}\n`);
    if (failure.showUsage) io.stderr.write(`\n${USAGE}`);
    return failure.exitCode;
  } finally {
    interrupts.dispose();
  }
}
