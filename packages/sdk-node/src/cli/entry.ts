// The CLI's entry point (dist/cli.js): runs `main` on this process's arguments.
import { EXIT_CODES } from './exit-codes.js';
import { main } from './main.js';

// A reader that went away (`| head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_CODES.ok);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
