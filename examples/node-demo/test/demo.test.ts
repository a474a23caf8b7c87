import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const root = new URL('../../../', import.meta.url);
const demo = new URL('../src/demo.ts', import.meta.url);

describe('the main demo', () => {
  test('the README shows exactly the code of the demo', async () => {
    const readme = await readFile(new URL('README.md', root), 'utf8');
    const shown = /<!-- node-demo:start -->\n```ts\n([\s\S]*?)```\n<!-- node-demo:end -->/.exec(
      readme,
    );
    expect(shown?.[1]).toBe(await readFile(demo, 'utf8'));
  });

  test('runs every feature and exits 0, saying what happened', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      demo.pathname,
    ]);
    for (const line of [
      /step 12 done, 37,320 tokens so far/,
      /answer: Migration plan/,
      /completed, steps started: 3/,
      /"The capital of France is Paris\."/,
      /12 step_started/,
      /paused at step (\d+)\n.*still at step \1 a while later/,
      /forced answer: From the sources read so far/,
      /refused: the session is completed \(invalid_state, 409\)/,
      /ended in state "interrupted" \(cancelled\) without an answer/,
      /researcher_1 \(working for main\) calls web_search/,
      /agent: Updated: the plan now follows your latest request\./,
      /the session ended \(idle_timeout\)/,
      /Done: every feature ran/,
    ]) {
      expect(stdout).toMatch(line);
    }
    // It builds nothing but still starts a server and runs eight sessions: allow a loaded machine.
  }, 60_000);
});
