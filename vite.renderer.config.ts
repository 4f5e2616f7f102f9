import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './src/shared/security/csp';

// The renderer's build, shared by electron-vite (electron.vite.config.ts) and browser mode's
// dev server (`motcua serve --dev`), so both serve the same page with the same CSP.
export const rendererConfig: UserConfig = {
  root: resolve(__dirname, 'src/renderer'),
  plugins: [
    react(),
    {
      name: 'motcua-csp',
      // Vite's hot reload needs an inline preamble: the relaxed policy is for development only.
      transformIndexHtml: (html, ctx) =>
        html.replace('%CSP%', ctx.server ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY),
    },
  ],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
  },
};

export default rendererConfig;
