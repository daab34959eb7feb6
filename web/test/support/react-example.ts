import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

/**
 * Builds examples/react the way a React app would use the library: Vite resolves
 * `@quire/web` to the built package (dist/lib) and bundles it with the app's own React.
 */
export async function buildReactExample(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'quire-react-example-'));
  const root = join(EXAMPLES_DIR, 'react');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    base: './',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}
