import { libraryConfig } from '../../tsup.base';

export default libraryConfig({
  entry: { index: 'src/index.ts', control: 'src/control.ts', cli: 'src/node/cli.ts' },
});
