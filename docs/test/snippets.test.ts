import { createMockServer } from '@agent-sessions/mock-server';
import { expect, test } from 'vitest';
import {
  collectSnippets,
  extractSnippets,
  runSnippet,
  typeCheckSnippets,
  writeSnippets,
  // @ts-expect-error: plain .mjs scripts without declarations
} from '../scripts/snippets.mjs';

interface Snippet {
  file: string;
  line: number;
  name: string;
  mode: 'check' | 'run' | 'skip';
  reason: string;
}

test('snippets are found with their markers and the line they start on', () => {
  const text = [
    '# Title',
    '```ts',
    'const a = 1;',
    '```',
    '<!-- snippet: run -->',
    '',
    '```ts',
    'await go();',
    '```',
    '<!-- snippet: skip a fragment of the call above -->',
    '```tsx',
    '<App />',
    '```',
    '```sh',
    'not me',
    '```',
  ].join('\n');
  expect(extractSnippets(text)).toEqual([
    { line: 3, lang: 'ts', code: 'const a = 1;', mode: 'check', reason: '' },
    { line: 8, lang: 'ts', code: 'await go();', mode: 'run', reason: '' },
    {
      line: 12,
      lang: 'tsx',
      code: '<App />',
      mode: 'skip',
      reason: 'a fragment of the call above',
    },
  ]);
});

test('every TypeScript snippet of the READMEs and docs type-checks, and each runnable one exits 0', async () => {
  const snippets: Snippet[] = await collectSnippets();
  expect(snippets.length).toBeGreaterThan(20);
  for (const snippet of snippets.filter((s) => s.mode === 'skip')) {
    expect(snippet.reason, `${snippet.file}:${snippet.line} is skipped without a reason`).not.toBe(
      '',
    );
  }
  await writeSnippets(snippets);
  expect(await typeCheckSnippets(snippets)).toEqual([]);

  // One mock server (virtual clock) for all, reset between snippets so each starts clean.
  const server = await createMockServer();
  try {
    for (const snippet of snippets.filter((s) => s.mode === 'run')) {
      await server.reset();
      const { code, output } = await runSnippet(snippet, server.url);
      expect(code, `${snippet.file}:${snippet.line} exited with ${code}:\n${output}`).toBe(0);
    }
  } finally {
    await server.close();
  }
});
