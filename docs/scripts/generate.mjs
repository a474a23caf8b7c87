#!/usr/bin/env node
// `pnpm run docs`: regenerates the reference pages under docs/ (the event, state and error
// reference from the OpenAPI document; the API reference from the packages' sources). The
// files are committed; test/generated.test.ts fails when they are stale.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateApi, readTree } from './api.mjs';
import { generateReference } from './reference.mjs';

const docsDir = fileURLToPath(new URL('..', import.meta.url));

/** Every generated page, as `{ [path under docs/]: text }`. */
export async function generateDocs() {
  const scratch = await mkdtemp(join(tmpdir(), 'docs-api-'));
  try {
    await generateApi(scratch);
    const api = Object.entries(await readTree(scratch)).map(([path, text]) => [
      `api/${path}`,
      text,
    ]);
    return { ...(await generateReference()), ...Object.fromEntries(api) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pages = await generateDocs();
  // The API folder is all generated: start it afresh so pages of removed exports go too.
  await rm(join(docsDir, 'api'), { recursive: true, force: true });
  for (const [path, text] of Object.entries(pages)) {
    await mkdir(dirname(join(docsDir, path)), { recursive: true });
    await writeFile(join(docsDir, path), text);
  }
  console.log(`docs: wrote ${Object.keys(pages).length} pages`);
}
