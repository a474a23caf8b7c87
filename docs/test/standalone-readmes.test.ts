import { readdir, readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { expect, test } from 'vitest';

const packages = new URL('../../packages/', import.meta.url).pathname;

// npm shows a package's README without the rest of the repository: a relative link that leaves
// the package directory is a dead link there.
test('package READMEs link nothing outside their package by a relative path', async () => {
  const dead: string[] = [];
  for (const name of (await readdir(packages)).sort()) {
    const readme = await readFile(join(packages, name, 'README.md'), 'utf8').catch(() => '');
    for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^([a-z]+:|#)/i.test(target!)) continue;
      if (normalize(join(name, target!)).startsWith(`${name}/`)) continue;
      dead.push(`packages/${name}/README.md: ${target}`);
    }
  }
  expect(dead).toEqual([]);
});
