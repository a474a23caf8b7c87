import { defineConfig, type Options } from 'tsup';

/**
 * How every publishable package builds: ESM and CommonJS with type declarations for both, from
 * `src/index.ts` unless `overrides` says otherwise.
 */
export function libraryConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'es2022',
    ...overrides,
  });
}
