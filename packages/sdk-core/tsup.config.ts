import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  // ky ships ESM only: bundled in, the CJS build works on every Node 20 (no require(esm)).
  noExternal: ['ky'],
});
