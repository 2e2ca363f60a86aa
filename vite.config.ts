// Builds the renderer into dist/renderer, which both hosts load: Electron through its custom
// protocol, the browser host over 127.0.0.1. Both serve it under a CSP of `script-src 'self';
// style-src 'self'`, so the output must hold no inline script or style: no module-preload
// polyfill, and no asset inlined as a data URL.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'chrome120',
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1' },
});
