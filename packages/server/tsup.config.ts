import { libraryConfig } from '../../tsup.base';

export default libraryConfig({
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
});
