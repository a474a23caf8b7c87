import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

test('the OpenAPI document lints clean with Redocly (recommended-strict)', async () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const { stdout, stderr } = await promisify(execFile)(
    'pnpm',
    ['exec', 'redocly', 'lint', 'openapi.yaml'],
    {
      cwd,
    },
  ).catch((error: { stdout: string; stderr: string }) => {
    throw new Error(`redocly lint failed:\n${error.stdout}\n${error.stderr}`);
  });
  expect(`${stdout}${stderr}`).toMatch(/valid/);
  expect(`${stdout}${stderr}`).not.toMatch(/error/i);
}, 60_000);
