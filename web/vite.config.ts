import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// `npm run dev -w web` serves the app with hot reload; the sync server (npm start, port
// 1234) answers /api, and the editor connects its WebSocket there directly.
// Two pages share one build: the app (index.html) and the iframe embed (embed.html,
// served by the server at /embed/<docName>). The library and /embed.js are built by
// vite.embed.config.ts.
//
// The app works offline (README: Working offline): a service worker (Workbox, generated
// here as dist/sw.js, registered by src/offline-app.ts) keeps the built app, and a page
// that cannot be fetched (`/` or `/d/<name>`, the server unreachable) is answered with the
// kept app, which then opens the document from this device's IndexedDB copy. Pages are
// fetched from the server first whenever it answers, so a new build is used at once.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      filename: 'sw.js',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['index.html', 'assets/**/*.{js,css}'],
        inlineWorkboxRuntime: true,
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
        navigateFallback: null,
        runtimeCaching: [
          {
            urlPattern: ({ request, url }) =>
              request.mode === 'navigate' && (url.pathname === '/' || url.pathname.startsWith('/d/')),
            handler: 'NetworkOnly',
            options: { precacheFallback: { fallbackURL: 'index.html' } },
          },
        ],
      },
    }),
  ],
  server: {
    proxy: { '/api': 'http://localhost:1234' },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        embed: fileURLToPath(new URL('embed.html', import.meta.url)),
      },
    },
  },
});
