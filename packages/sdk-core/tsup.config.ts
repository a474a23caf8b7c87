import { libraryConfig } from '../../tsup.base';

export default libraryConfig({
  entry: ['src/index.ts', 'src/internal.ts'],
  // ky ships ESM only: bundled into the CJS build, which then works on every Node 20 (no
  // require(esm)); the ESM build imports it, so a page bundles one ky and can shake it.
  noExternal: ['ky'],
  esbuildOptions(options, { format }) {
    if (format === 'esm') options.external = [...(options.external ?? []), 'ky'];
  },
});
