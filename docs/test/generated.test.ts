import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
// @ts-expect-error: plain .mjs scripts without declarations
import { readTree } from '../scripts/api.mjs';
// @ts-expect-error: plain .mjs scripts without declarations
import { generateDocs } from '../scripts/generate.mjs';

const docs = new URL('../', import.meta.url);

test('the committed reference pages match what `pnpm run docs` generates', async () => {
  const fresh: Record<string, string> = await generateDocs();
  for (const [path, text] of Object.entries(fresh)) {
    const committed = await readFile(new URL(path, docs), 'utf8').catch(() => undefined);
    expect(committed, `docs/${path} is stale or missing: run \`pnpm run docs\``).toBe(text);
  }
  // No page of an export that is gone.
  const committedApi = Object.keys(await readTree(new URL('api', docs).pathname));
  expect(committedApi.map((path) => `api/${path}`).sort()).toEqual(
    Object.keys(fresh)
      .filter((path) => path.startsWith('api/'))
      .sort(),
  );
});
