import { libraryConfig } from '../../tsup.base';

// ky ships ESM only: bundled in, the CJS build works on every Node 20 (no require(esm)).
export default libraryConfig({ noExternal: ['ky'] });
