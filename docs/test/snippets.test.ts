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

test('a type error is reported at its markdown file and line; a failing run, with its exit code', async () => {
  const [bad] = extractSnippets(
    [
      '# Guide',
      '',
      '<!-- snippet: run -->',
      '```ts',
      "const n: number = 'one';",
      'process.exit(3);',
      '```',
    ].join('\n'),
  );
  const snippet = { ...bad, file: 'docs/guides/fake.md', name: 'fake.ts' };
  await writeSnippets([snippet]);
  const errors: string[] = await typeCheckSnippets([snippet]);
  expect(errors).toEqual([
    "docs/guides/fake.md:5: error TS2322: Type 'string' is not assignable to type 'number'.",
  ]);
  expect(await runSnippet(snippet, 'http://127.0.0.1:1')).toMatchObject({ code: 3 });
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

  // Two lanes, each with its own mock server (virtual clock), reset before every snippet so
  // each starts clean: the runs are child processes, so two at a time halves the wait.
  const runnable = snippets.filter((s) => s.mode === 'run');
  const servers = await Promise.all([createMockServer(), createMockServer()]);
  try {
    const failures: string[] = [];
    await Promise.all(
      servers.map(async (server, lane) => {
        for (const snippet of runnable.filter((_, i) => i % servers.length === lane)) {
          server.reset();
          const { code, output } = await runSnippet(snippet, server.url);
          if (code !== 0)
            failures.push(`${snippet.file}:${snippet.line} exited with ${code}:\n${output}`);
        }
      }),
    );
    expect(failures).toEqual([]);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
});
