import { libraryConfig } from '../../tsup.base';

export default libraryConfig({
  entry: {
    index: 'src/index.ts',
    engine: 'src/entries/engine.ts',
    msw: 'src/entries/msw.ts',
    'admin-client': 'src/admin/admin-client.ts',
    cli: 'src/node/cli.ts',
  },
});
