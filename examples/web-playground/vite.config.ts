import { defineConfig } from 'vite';
import { scenarioDefine } from './scripts/scenario-catalog';

export default defineConfig({
  define: scenarioDefine(),
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
