import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w web` serves the app with hot reload; the sync server (npm start, port
// 1234) answers /api, and the editor connects its WebSocket there directly.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:1234' },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
});
