import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', control: 'src/control.ts', cli: 'src/node/cli.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
});
