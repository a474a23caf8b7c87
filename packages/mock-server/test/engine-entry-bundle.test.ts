import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import manifest from '../package.json' with { type: 'json' };
import { scenarios } from '../src/entries/engine.js';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** A Node built-in named by an import specifier: `node:fs`, `fs`, `fs/promises`, `timers`... */
function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!);
}

// The user brings these (msw); everything else an entry reaches is bundled and checked.
const PEERS = Object.keys(manifest.peerDependencies);

/**
 * Bundles `entry` for the browser, everything but the peer dependencies included, and
 * returns each Node built-in some module reached, with the module that imported it. The imports
 * are recorded rather than left to fail so that the message names every offender at once.
 */
async function bundleFor(entry: string): Promise<{ nodeImports: string[]; code: string }> {
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
    external: PEERS,
    plugins: [recordNodeImports],
  });
  expect(result.errors).toEqual([]);
  return { nodeImports: found, code: result.outputFiles[0]!.text };
}

describe('the engine entry bundles for the browser', () => {
  it('reaches no Node built-in from @agent-sessions/mock-server/engine', async () => {
    expect((await bundleFor('../src/entries/engine.ts')).nodeImports).toEqual([]);
  });

  it('carries the scenario catalog inside the bundle (no file reads)', async () => {
    const { code } = await bundleFor('../src/entries/engine.ts');
    const bundled = await import(
      `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    );
    expect(Object.keys(bundled.scenarios)).toEqual(Object.keys(scenarios));
    const engine = new bundled.MockEngine({ fixtures: Object.values(bundled.scenarios) });
    try {
      const response: Response = await engine.handle(
        new Request('https://api.test/v1/sessions', {
          method: 'POST',
          headers: { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' },
          body: JSON.stringify({ input: 'hi', metadata: { scenario: 'tool-calls' } }),
        }),
      );
      expect(response.status).toBe(201);
    } finally {
      engine.close();
    }
  });

  it('reaches no Node built-in from @agent-sessions/mock-server/msw', async () => {
    expect((await bundleFor('../src/entries/msw.ts')).nodeImports).toEqual([]);
  });

  it('flags the Node imports of the root entry (the check can fail)', async () => {
    const found = (await bundleFor('../src/index.ts')).nodeImports;
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^node:http \(/)]));
  });
});
