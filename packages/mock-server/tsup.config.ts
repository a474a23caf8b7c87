import { libraryConfig } from '../../tsup.base';

export default libraryConfig({
  entry: {
    index: 'src/index.ts',
    engine: 'src/entries/engine.ts',
    msw: 'src/entries/msw.ts',
    control: 'src/admin/control.ts',
    cli: 'src/node/cli.ts',
  },
});
