import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createMockServer } from '@agent-sessions/mock-server';

// `pnpm --filter next-app dev`: the mock server as the upstream API (real time, sped up), and
// `next dev` pointed at it with a throwaway key. Against the real API, run `next dev` yourself
// with AGENT_SESSIONS_API_KEY (and no AGENT_SESSIONS_BASE_URL).

const speed = Number(process.env.MOCK_SPEED ?? 5);
if (!(speed > 0)) throw new Error(`MOCK_SPEED: expected a number > 0, got ${speed}`);
const port = process.env.PORT ?? '3000';

const apiKey = `sk_dev_${randomUUID().replaceAll('-', '')}`;
const mock = await createMockServer({ apiKeys: [apiKey], clock: { mode: 'real', speed } });
const next = spawn(
  process.execPath,
  [
    createRequire(import.meta.url).resolve('next/dist/bin/next'),
    'dev',
    '-H',
    '127.0.0.1',
    '-p',
    port,
  ],
  {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      AGENT_SESSIONS_API_KEY: apiKey,
      AGENT_SESSIONS_BASE_URL: mock.url,
    },
  },
);
console.log(`\n  mock server (the upstream API): ${mock.url} (real time x${speed})\n`);

// Ctrl-C reaches next too (same process group); wait for it, then close the mock.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null && next.signalCode === null) next.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
next.once('exit', async (code) => {
  await mock.close();
  process.exit(stopping ? 0 : (code ?? 1));
});
