// Fails when any package's src/ (or the directories given as arguments) holds an import
// cycle, naming each cycle. Run by `pnpm check` and `pnpm check:cycles`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';

const root = new URL('..', import.meta.url).pathname;
const dirs =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(join(root, 'packages'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(root, 'packages', entry.name, 'src'));
let failed = false;
for (const dir of dirs) {
  const graph = await madge(dir, {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: { compilerOptions: { moduleResolution: 'bundler', allowJs: false } },
    // Runtime cycles: a type-only import is erased and orders nothing.
    detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
  });
  const cycles = graph.circular();
  for (const cycle of cycles) console.error(`import cycle in ${dir}: ${cycle.join(' -> ')}`);
  if (cycles.length > 0) failed = true;
  // A graph that found no file means a wrong path: that must not pass as "no cycle".
  if (Object.keys(graph.obj()).length === 0) {
    console.error(`no source file found in ${dir}`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log(`no import cycle in ${dirs.length} source trees`);
