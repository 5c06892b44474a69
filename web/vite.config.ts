import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The web client's own Vite project. `scripts/build-web.mjs` builds it into web/dist, which Mikan
// serves (src/web/spa.ts). For UI work, `npx vite web` serves it with hot reload and forwards the
// server's paths to a Mikan on MIKAN_DEV_ORIGIN (default http://localhost:3000).
const mikan = process.env.MIKAN_DEV_ORIGIN ?? 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // One script and one stylesheet: nothing is loaded lazily, so a rebuild while a page is open
    // can never leave it asking for a chunk that no longer exists.
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    rollupOptions: { output: { inlineDynamicImports: true } },
    reportCompressedSize: false,
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/api.json', '/api-doc', '/identicon', '/files', '/oauth/token', '/oauth/decision', '/oauth/transactions', '/.well-known', '/nodeinfo']
        .map((path) => [path, { target: mikan, changeOrigin: false }]),
    ),
  },
});
