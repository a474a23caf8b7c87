import { launchPlayground } from './launch';

// Real time, sped up: a `slow` step takes ~6 s instead of 30, short scenarios a second or two.
const speed = Number(process.env.PLAYGROUND_SPEED ?? 5);
if (!(speed > 0)) throw new Error(`PLAYGROUND_SPEED: expected a number > 0, got ${speed}`);

const playground = await launchPlayground({
  mock: { clock: { mode: 'real', speed } },
  port: Number(process.env.PLAYGROUND_PORT ?? 5173),
});

// Ctrl-C reaches every process of the terminal's group, and pnpm forwards it once more: stay
// subscribed so the second signal does not kill us mid-close, and exit 0 once both are closed.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  playground.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// Listening before saying so: a Ctrl-C right after the message must find the handlers.
console.log(`
  Agent Sessions playground: ${playground.url}
  mock server:               ${playground.mock.url} (real time x${speed})

  Press Ctrl-C to stop both.
`);
