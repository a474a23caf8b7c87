import type { BuildOptions, Plugin } from 'esbuild';

// How the package's `browser` build (`dist/index.browser.js`, tsup.config.ts) is made, shared
// with its test: `src/index.ts` with `src/fast-check.browser.ts` wherever the source imports
// `./fast-check.js`.

const withoutCompiledChecks: Plugin = {
  name: 'without-compiled-checks',
  setup(build) {
    build.onResolve({ filter: /^\.\/fast-check\.js$/ }, ({ resolveDir }) => ({
      path: `${resolveDir}/fast-check.browser.ts`,
    }));
  },
};

/** The options that build `src/index.ts` as the browser's module (`dist/index.browser.js`). */
export const browserBuild: BuildOptions = {
  entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  plugins: [withoutCompiledChecks],
  logLevel: 'warning',
};
