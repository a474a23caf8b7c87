/**
 * Loads every fixture file of a directory (Node only): the `--fixtures` of the CLI.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FixtureError } from '../errors.js';
import { type Fixture, parseFixtureJson } from '../fixture/fixture.js';

/**
 * Reads every `*.json` fixture in `dir` (sorted by file name), validating each; an invalid one
 * throws a {@link FixtureError} naming its file and the path inside it.
 */
export async function loadFixtureDir(dir: string): Promise<Fixture[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  if (files.length === 0) {
    throw new FixtureError(dir, [
      { path: '(root)', message: 'no *.json fixture files in this directory' },
    ]);
  }
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      return parseFixtureJson(await readFile(path, 'utf8'), path);
    }),
  );
}
