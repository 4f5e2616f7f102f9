import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

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
      // A sandboxed preload can require only electron and a few built-ins: bundle zod and the
      // contract into it instead of leaving require() calls that would fail at run time.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  // The app's page, and the Electron printer's print page (src/main/electron/electron-printer.ts).
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html'), print: resolve(__dirname, 'src/renderer/print.html') },
      },
    },
  },
});
