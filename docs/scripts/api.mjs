// Generates the API reference (docs/api/*.md) of the packages' public surface from their
// TypeScript sources and JSDoc, with TypeDoc and typedoc-plugin-markdown: one page per package
// entry point, no source links (they would change with every edit) and no dates.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Comment, Converter, LogLevel, OptionDefaults } from 'typedoc';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(docsDir, '..', 'packages');

/** The documented entry points: each package's `exports`, in the order a reader meets them. */
export const API_ENTRY_POINTS = [
  'sdk-node/src/index.ts',
  'sdk-web/src/index.ts',
  'react/src/index.ts',
  'sdk-core/src/index.ts',
  'server/src/index.ts',
  'server/src/node/index.ts',
  'mock-server/src/index.ts',
  'mock-server/src/entries/engine.ts',
  'mock-server/src/entries/msw.ts',
  'mock-server/src/admin/admin-client.ts',
  'protocol/src/index.ts',
].map((path) => join(packagesDir, path));

/** Writes the API reference into `outDir` (e.g. docs/api). */
export async function generateApi(outDir) {
  const app = await Application.bootstrapWithPlugins({
    entryPoints: API_ENTRY_POINTS,
    tsconfig: join(docsDir, 'tsconfig.api.json'),
    plugin: ['typedoc-plugin-markdown'],
    out: outDir,
    name: 'Agent Sessions SDKs',
    readme: 'none',
    disableSources: true,
    excludePrivate: true,
    excludeInternal: true,
    excludeExternals: true,
    skipErrorChecking: true,
    sort: ['kind', 'alphabetical'],
    // openapi-typescript writes `@description` in the generated protocol types.
    blockTags: [...OptionDefaults.blockTags, '@description'],
    modifierTags: [...OptionDefaults.modifierTags, '@constant'],
    logLevel: LogLevel.Warn,
    // typedoc-plugin-markdown: one page per package, tables for members, GitHub-friendly.
    outputFileStrategy: 'modules',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    typeDeclarationFormat: 'table',
    enumMembersFormat: 'table',
    indexFormat: 'table',
    entryFileName: 'README.md',
  });
  // Pages are named after the package a user installs, not the source folder, and say what
  // it is in the words of its package.json.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) {
      // `mock-server/src/entries/engine` is the `/engine` export and `mock-server/src/admin/admin-client`
      // the `/admin-client` one: the folder is not part of the entry's name.
      const [pkg, , ...path] = module.name.split('/');
      const rest = path.filter((part) => part !== 'entries' && part !== 'admin');
      const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8'));
      module.name = `${manifest.name}${rest.length ? `/${rest.join('/')}` : ''}`;
      const summary = rest.length
        ? `The \`${module.name}\` entry point of ${manifest.name}.`
        : `${manifest.description}.`;
      module.comment = new Comment([{ kind: 'text', text: summary }]);
    }
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see the messages above)');
  await app.generateOutputs(project);
}

/** Every file under `dir`, as `{ [relative path]: text }`. */
export async function readTree(dir) {
  const files = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = await readFile(path, 'utf8');
  }
  return files;
}
