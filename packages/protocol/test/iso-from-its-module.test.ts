import { expect, test } from 'vitest';
import * as z from 'zod/mini';
// @ts-expect-error: a plain .mjs script without declarations
import { isoFromItsModule } from '../scripts/generate.mjs';
import { zSession } from '../src/index.js';

test('z.iso.datetime is rewritten to the same call through named exports, marked pure', () => {
  const source = `import * as z from 'zod/mini';\nexport const a = z.iso.datetime({ offset: true });\n`;
  const out: string = isoFromItsModule(source);
  expect(out).not.toContain('z.iso.');
  expect(out).toContain("import { _isoDateTime } from 'zod/v4/core';");
  expect(out).toContain('/*#__PURE__*/ _isoDateTime(ZodMiniISODateTime, { offset: true })');
});

test('an other z.iso format fails generation instead of staying a whole namespace', () => {
  const source = `import * as z from 'zod/mini';\nexport const a = z.iso.datetime();\nexport const b = z.iso.date();\n`;
  expect(() => isoFromItsModule(source)).toThrow(/only z\.iso\.datetime/);
});

test('the rewritten timestamps accept and refuse what z.iso.datetime({ offset: true }) does', () => {
  const reference = z.iso.datetime({ offset: true });
  const rewritten = zSession.shape.created_at;
  for (const value of [
    '2026-11-24T10:00:00Z',
    '2026-11-24T10:00:00.123+02:00',
    '2026-11-24T10:00:00-05:30',
    '2026-11-24 10:00:00Z',
    '2026-11-24T10:00:00',
    '2026-13-24T10:00:00Z',
    'yesterday',
    '',
  ]) {
    expect(rewritten.safeParse(value).success, value).toBe(reference.safeParse(value).success);
  }
});
