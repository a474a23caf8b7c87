import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** A Node built-in named by an import specifier: `node:fs`, `fs`, `fs/promises`, `timers`... */
function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!);
}

/**
 * Bundles `entry` for the browser (the strictest web-standard target; Workers, Deno and Bun
 * run what it runs), everything included, and returns each Node built-in some module reached,
 * with the module that imported it.
 */
async function nodeImportsOf(entry: string): Promise<string[]> {
  const found: string[] = [];
  const recordNodeImports: Plugin = {
    name: 'record-node-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, ({ path, importer }) => {
        if (!isNodeBuiltin(path)) return undefined;
        found.push(`${path} (imported by ${importer.replace(/^.*\/packages\//, 'packages/')})`);
        return { path, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
    plugins: [recordNodeImports],
  });
  expect(result.errors).toEqual([]);
  return found;
}

describe('the main entry is web-standard only', () => {
  it('reaches no Node built-in from @agent-sessions/server', async () => {
    expect(await nodeImportsOf('../src/index.ts')).toEqual([]);
  });

  it('flags the Node imports of the /node adapter (the check can fail)', async () => {
    const found = await nodeImportsOf('../src/node/index.ts');
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^node:stream \(/)]));
  });
});
