import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/security/csp';

// One build for the desktop app: the main process (CommonJS, as electron-updater needs), the
// core's utility process, the preload, and the React renderer. Browser mode serves the same
// renderer build from out/renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'core-process': resolve(__dirname, 'src/main/electron/core-process.ts'),
        },
        output: { format: 'cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [
      react(),
      {
        name: 'motcua-csp',
        transformIndexHtml: (html) => html.replace('%CSP%', CONTENT_SECURITY_POLICY),
      },
    ],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
});
