import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { scenarioDefine } from './scripts/scenario-catalog';

export default defineConfig({
  plugins: [react()],
  define: scenarioDefine(),
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
