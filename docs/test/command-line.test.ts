import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMockServer } from '@agent-sessions/mock-server';
import { expect, test } from 'vitest';

const run = promisify(execFile);
// The `agent-sessions` bin pnpm linked for sdk-node (the docs package depends on it).
const bin = fileURLToPath(new URL('../node_modules/.bin', import.meta.url));

/** Every page with a command-line walk-through: its shell script and what it says it prints. */
const pages = ['../guides/command-line.md', '../../packages/sdk-node/README.md'].map((path) => {
  const text = readFileSync(new URL(path, import.meta.url), 'utf8');
  const script = /<!-- cli-walkthrough -->\n```sh\n([\s\S]*?)```/.exec(text);
  const printed = /```\n\nIt prints:\n\n```text\n([\s\S]*?)```/.exec(text.slice(script?.index));
  return { path, script: script?.[1], printed: printed?.[1] };
});

test.each(pages)(
  'the agent-sessions walk-through of $path prints what it says, against the mock server',
  async ({ script, printed }) => {
    expect(script).toBeDefined();
    expect(printed).toBeDefined();
    const server = await createMockServer(); // virtual clock: the sessions play at once
    try {
      const { stdout } = await run(
        'bash',
        [
          '-e',
          '-u',
          '-o',
          'pipefail',
          '-c',
          script!.replaceAll('http://127.0.0.1:4010', server.url),
        ],
        {
          env: { PATH: `${bin}${delimiter}${process.env.PATH}`, HOME: process.env.HOME ?? '' },
        },
      );
      expect(stdout).toBe(printed);
    } finally {
      await server.close();
    }
  },
);
