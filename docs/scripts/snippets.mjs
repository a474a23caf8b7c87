// Keeps the TypeScript snippets of the READMEs and guides honest: every ```ts / ```tsx block is
// extracted, type-checked against the real packages (one tsc run for all), and the ones marked
// runnable are run against a mock server and must exit 0.
//
// Markers, on the line before the fence (HTML comments, invisible on GitHub):
//   <!-- snippet: run -->              run it (AGENT_SESSIONS_BASE_URL and AGENT_SESSIONS_API_KEY
//                                      point at a fresh mock server with a virtual clock)
//   <!-- snippet: skip REASON -->      a fragment that cannot compile alone; say why
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Where the snippets are written: inside the docs package, so workspace packages resolve. */
export const snippetDir = fileURLToPath(new URL('../.snippets/', import.meta.url));

/** The markdown files whose snippets are checked: READMEs and the hand-written docs. */
export async function markdownFiles() {
  const files = ['README.md'];
  for (const group of ['packages', 'examples']) {
    for (const name of (await readdir(join(repoRoot, group))).sort()) {
      const readme = join(group, name, 'README.md');
      if (await readFile(join(repoRoot, readme)).catch(() => undefined)) files.push(readme);
    }
  }
  // docs/api and docs/reference are generated; their code blocks are signatures and JSON.
  for (const entry of (await readdir(join(repoRoot, 'docs'), { recursive: true })).sort()) {
    if (!entry.endsWith('.md') || /^(api|reference|node_modules)\//.test(entry)) continue;
    files.push(join('docs', entry));
  }
  return files;
}

/**
 * The ts/tsx snippets of one markdown text: `{ line, lang, code, mode, reason }`, where `line`
 * is the 1-based line of the first code line and `mode` is `check`, `run` or `skip`.
 */
export function extractSnippets(text) {
  const lines = text.split('\n');
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|tsx|typescript)\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    let previous = i - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    const marker = /^\s*<!--\s*snippet:\s*(run|skip)\b\s*(.*?)\s*-->\s*$/.exec(
      lines[previous] ?? '',
    );
    snippets.push({
      line: start + 1,
      lang: open[2] === 'tsx' ? 'tsx' : 'ts',
      code: lines
        .slice(start, end)
        .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
        .join('\n'),
      mode: marker?.[1] ?? 'check',
      reason: marker?.[2] ?? '',
    });
    i = end;
  }
  return snippets;
}

/** Every snippet of every checked file, each with its source file and a file name to write. */
export async function collectSnippets() {
  const all = [];
  for (const file of await markdownFiles()) {
    const text = await readFile(join(repoRoot, file), 'utf8');
    for (const snippet of extractSnippets(text)) {
      const slug = file.replace(/[^A-Za-z0-9]+/g, '-').replace(/-md$/, '');
      all.push({ ...snippet, file, name: `${slug}-L${snippet.line}.${snippet.lang}` });
    }
  }
  return all;
}

/** Writes the snippets (all but skipped ones) and their tsconfig into `docs/.snippets/`. */
export async function writeSnippets(snippets) {
  await rm(snippetDir, { recursive: true, force: true });
  await mkdir(snippetDir, { recursive: true });
  for (const snippet of snippets) {
    if (snippet.mode === 'skip') continue;
    // `export {}` makes each a module: top-level await works and names never collide.
    await writeFile(join(snippetDir, snippet.name), `${snippet.code}\nexport {};\n`);
  }
  await writeFile(
    join(snippetDir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { types: ['node'], jsx: 'react-jsx', noUnusedLocals: false },
        include: ['*.ts', '*.tsx'],
      },
      null,
      2,
    )}\n`,
  );
}

/**
 * Type-checks every written snippet in one tsc run. Resolves to the errors, each pointed back
 * at its markdown file and line, e.g. `docs/guides/steering.md:42: error TS2339: ...`.
 */
export async function typeCheckSnippets(snippets) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = await run(
    process.execPath,
    [tsc, '-p', join(snippetDir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'],
    { cwd: snippetDir, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error) => error);
  const byName = new Map(snippets.map((snippet) => [snippet.name, snippet]));
  const errors = [];
  for (const line of String(result.stdout ?? '').split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line);
    if (!match) {
      if (line.trim()) errors.push(line);
      continue;
    }
    const snippet = byName.get(relative(snippetDir, join(snippetDir, match[1])));
    errors.push(
      snippet
        ? `${snippet.file}:${snippet.line + Number(match[2]) - 1}: ${match[4]}`
        : `${match[1]}:${match[2]}: ${match[4]}`,
    );
  }
  // A tsc that could not run at all (no output to parse) must not read as "no errors".
  if (result instanceof Error && errors.length === 0) {
    errors.push(`tsc failed: ${String(result.stderr || result.message).trim()}`);
  }
  return errors;
}

/**
 * Runs one written snippet with Node (through tsx) against `baseUrl`; resolves to
 * `{ code, output }` (exit code 0 is success).
 */
export async function runSnippet(snippet, baseUrl, timeoutMs = 60_000) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', join(snippetDir, snippet.name)],
      {
        cwd: snippetDir,
        timeout: timeoutMs,
        env: {
          ...process.env,
          AGENT_SESSIONS_BASE_URL: baseUrl,
          AGENT_SESSIONS_API_KEY: 'test-key',
        },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? error.message}`;
    if (error.killed)
      return { code: 1, output: `${output}\n(killed: still running after ${timeoutMs} ms)` };
    return { code: typeof error.code === 'number' ? error.code : 1, output };
  }
}
