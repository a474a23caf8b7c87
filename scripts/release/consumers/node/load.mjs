// Loads each package named on the command line with both `import` and `require` and checks
// that the two entry points export the same names.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const names = (module) =>
  Object.keys(module)
    .filter((key) => key !== 'default' && key !== '__esModule')
    .sort();

for (const name of process.argv.slice(2)) {
  const fromImport = names(await import(name));
  const fromRequire = names(require(name));
  if (fromImport.length === 0) throw new Error(`${name} exports nothing`);
  if (fromImport.join() !== fromRequire.join()) {
    throw new Error(`${name}: import gives [${fromImport}] but require gives [${fromRequire}]`);
  }
  console.log(`${name}: ${fromImport.length} exports, the same through import and require`);
}
