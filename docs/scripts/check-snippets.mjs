#!/usr/bin/env node
// Type-checks every TypeScript snippet of the READMEs and docs and runs the runnable ones
// against a mock server (what test/snippets.test.ts does), printing each problem with its
// markdown file and line. Usage: node scripts/check-snippets.mjs [markdown-file...]
import { createMockServer } from '@agent-sessions/mock-server';
import { collectSnippets, runSnippet, typeCheckSnippets, writeSnippets } from './snippets.mjs';

const only = process.argv.slice(2);
const snippets = (await collectSnippets()).filter(
  (snippet) => only.length === 0 || only.some((file) => snippet.file.endsWith(file)),
);
await writeSnippets(snippets);
const errors = await typeCheckSnippets(snippets);
for (const error of errors) console.error(error);
const server = await createMockServer();
let failed = errors.length > 0;
try {
  for (const snippet of snippets.filter((s) => s.mode === 'run')) {
    server.reset();
    const { code, output } = await runSnippet(snippet, server.url);
    console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${snippet.file}:${snippet.line}`);
    if (code !== 0) {
      failed = true;
      console.error(output);
    }
  }
} finally {
  await server.close();
}
const counts = ['check', 'run', 'skip'].map(
  (mode) => `${snippets.filter((s) => s.mode === mode).length} ${mode}`,
);
console.log(`snippets: ${counts.join(', ')}; ${errors.length} type errors`);
process.exit(failed ? 1 : 0);
