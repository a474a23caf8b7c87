// Regenerates src/generated/* from openapi.yaml. `pnpm generate` runs it; the freshness
// test runs it into a temp folder and compares, so committed output can never go stale.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';
import openapiTS, { astToString } from 'openapi-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(root, 'openapi.yaml');
const header = (tool) =>
  `// generated - do not edit. Source: openapi.yaml, by ${tool}. Run \`pnpm generate\`.\n/* eslint-disable */\n\n`;

/** Writes the generated files into `outDir` (default: src/generated). */
export async function generate(outDir = join(root, 'src', 'generated')) {
  await mkdir(outDir, { recursive: true });

  const ast = await openapiTS(new URL(`file://${spec}`), { exportType: true });
  await writeFile(join(outDir, 'types.gen.ts'), header('openapi-typescript') + astToString(ast));

  const scratch = join(tmpdir(), `agent-sessions-zod-${process.pid}-${Date.now()}`);
  try {
    await createClient({
      input: spec,
      output: { path: scratch },
      logs: { level: 'silent' },
      // RFC 3339 allows a numeric offset (`+02:00`) as well as `Z`.
      plugins: [
        { name: 'zod', compatibilityVersion: 'mini', metadata: false, dates: { offset: true } },
      ],
    });
    const zod = await readFile(join(scratch, 'zod.gen.ts'), 'utf8');
    await writeFile(
      join(outDir, 'zod.gen.ts'),
      header('@hey-api/openapi-ts (zod plugin, zod/mini)') +
        keepUnknownResponseFields(zod.replace(/^\/\/ This file is auto-generated.*\n+/m, '')),
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Response schemas keep the fields a newer server adds (`z.looseObject`): clients must surface
 * them. The generator emits `z.object` (which drops them) whatever `additionalProperties`
 * says, so every object schema outside the request side (bodies, queries, headers, paths) is
 * rewritten here; request bodies stay strict through `requestSchemas`.
 */
function keepUnknownResponseFields(source) {
  return source
    .split(/(?=^export const )/m)
    .map((declaration) =>
      /^export const z\w+(Request|Body|Query|Headers|Path) /.test(declaration)
        ? declaration
        : declaration.replaceAll('z.object(', 'z.looseObject('),
    )
    .join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await generate(process.argv[2] ? resolve(process.argv[2]) : undefined);
}
