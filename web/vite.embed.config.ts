import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The embeddable builds (issue 7), after the app build (they add to dist/, never empty it):
 * - `--mode script`: dist/embed.js, one IIFE defining the global `Quire`, everything
 *   inside (React, Lexical, Yjs, styles), served by the server at /embed.js.
 * - `--mode lib`: dist/lib/quire.js, ESM for npm consumers (issue 24: `npm pack -w web`).
 *   Dependencies and peer dependencies stay imports (React, Lexical and Yjs are peers, from
 *   the consumer's own install: one copy of each per app); only the workspace-only
 *   @quire/shared is inlined, so the tarball needs nothing that is not on npm.
 *   Type declarations come from `tsc -p tsconfig.lib.json`.
 */
const pkg = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const EXTERNAL = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
const isExternal = (id: string): boolean => EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`));

const entry = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(({ mode }) => {
  const isScript = mode === 'script';
  return {
    plugins: [react()],
    // Bundled React reads process.env.NODE_ENV; a plain script tag has no bundler to set it.
    define: isScript ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    build: {
      outDir: isScript ? 'dist' : 'dist/lib',
      emptyOutDir: !isScript,
      sourcemap: true,
      copyPublicDir: false,
      // The script bundle is one file by design (React and Lexical inside).
      chunkSizeWarningLimit: 1024,
      lib: isScript
        ? { entry: entry('src/embed/script.ts'), name: 'Quire', formats: ['iife'], fileName: () => 'embed.js' }
        : { entry: entry('src/embed/index.ts'), formats: ['es'], fileName: () => 'quire.js' },
      rolldownOptions: isScript ? {} : { external: isExternal },
    },
  };
});
