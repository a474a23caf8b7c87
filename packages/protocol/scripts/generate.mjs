// Regenerates src/generated/* from openapi.yaml. `pnpm generate` runs it; the freshness
// test runs it into a temp folder and compares, so committed output can never go stale.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(root, 'openapi.yaml');
const header = (tool) =>
  `// generated - do not edit. Source: openapi.yaml, by ${tool}. Run \`pnpm generate\`.\n/* eslint-disable */\n\n`;

// The zod plugin drops `minProperties`/`maxProperties` (e.g. Metadata's 16 entries), so a
// validator would accept what the spec refuses. They are added here as checks on the named
// component; one anywhere else fails generation rather than go unenforced.
function withPropertyCounts(zod, document) {
  let out = zod;
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    const checks = [];
    if (schema.minProperties !== undefined) {
      const n = schema.minProperties;
      checks.push(
        `z.refine((value) => Object.keys(value).length >= ${n}, 'expected at least ${n} entries')`,
      );
    }
    if (schema.maxProperties !== undefined) {
      const n = schema.maxProperties;
      checks.push(
        `z.refine((value) => Object.keys(value).length <= ${n}, 'expected at most ${n} entries')`,
      );
    }
    if (checks.length === 0) continue;
    const line = new RegExp(`^(export const z${name} = )(.*);$`, 'm');
    if (!line.test(out)) throw new Error(`generate: no one-line validator z${name} to limit`);
    out = out.replace(
      line,
      (_, start, expression) => `${start}${expression}.check(${checks.join(', ')});`,
    );
  }
  // What is left once every component's own counts are set aside must have none.
  const rest = JSON.stringify(document, function (_key, value) {
    if (this === document.components.schemas && value && typeof value === 'object') {
      const { minProperties, maxProperties, ...others } = value;
      return others;
    }
    return value;
  });
  if (/"(min|max)Properties"/.test(rest)) {
    throw new Error(
      'generate: minProperties/maxProperties is only supported on a component schema',
    );
  }
  return out;
}

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
      plugins: [{ name: 'zod', compatibilityVersion: 'mini', metadata: false }],
    });
    const zod = await readFile(join(scratch, 'zod.gen.ts'), 'utf8');
    const document = parse(await readFile(spec, 'utf8'));
    await writeFile(
      join(outDir, 'zod.gen.ts'),
      header('@hey-api/openapi-ts (zod plugin, zod/mini)') +
        withPropertyCounts(zod.replace(/^\/\/ This file is auto-generated.*\n+/m, ''), document),
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await generate(process.argv[2] ? resolve(process.argv[2]) : undefined);
}
