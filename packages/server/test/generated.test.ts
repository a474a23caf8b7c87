import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { render, target } from '../scripts/generate.mjs';

describe('src/generated/operations.gen.ts', () => {
  it('is what `pnpm generate` makes from the current openapi.yaml (run it if this fails)', async () => {
    expect(await readFile(target, 'utf8')).toBe(await render());
  });
});
