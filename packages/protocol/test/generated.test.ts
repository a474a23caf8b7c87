import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { generate } from '../scripts/generate.mjs';

test('the committed generated files match what `pnpm generate` produces from openapi.yaml', async () => {
  const out = await mkdtemp(join(tmpdir(), 'protocol-gen-'));
  try {
    await generate(out);
    for (const file of [
      'types.gen.ts',
      'zod.gen.ts',
      'operations.gen.ts',
      'session-states.gen.ts',
      'event-data.gen.ts',
    ]) {
      const fresh = await readFile(join(out, file), 'utf8');
      const committed = await readFile(
        new URL(`../src/generated/${file}`, import.meta.url),
        'utf8',
      );
      expect(committed, `src/generated/${file} is stale: run \`pnpm generate\``).toBe(fresh);
      expect(committed.startsWith('// generated - do not edit')).toBe(true);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 60_000);
