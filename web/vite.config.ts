import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npm run dev -w web` serves the app with hot reload; the sync server (npm start, port
// 1234) answers /api, and the editor connects its WebSocket there directly.
// Two pages share one build: the app (index.html) and the iframe embed (embed.html,
// served by the server at /embed/<docName>). The library and /embed.js are built by
// vite.embed.config.ts.
export default defineConfig({
  plugins: [react()],
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
