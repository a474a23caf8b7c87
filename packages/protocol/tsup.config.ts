import { build } from 'esbuild';
import { libraryConfig } from '../../tsup.base';
import { browserBuild } from './scripts/browser-build.js';

/**
 * The package as usual (ESM, CommonJS, declarations), then `dist/index.browser.js`, which the
 * `browser` export condition picks: the same module without the response-check compiler.
 */
export default libraryConfig({
  onSuccess: async () => {
    await build({ ...browserBuild, outfile: 'dist/index.browser.js' });
  },
});
