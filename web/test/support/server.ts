import { startServer } from '@quire/server';
import { testServerStarter } from '@quire/server/test-kit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The test kit ('@quire/server/test-kit') bound to the built server: what web tests import. */
export * from '@quire/server/test-kit';

export const WEB_ROOT = fileURLToPath(new URL('../../dist', import.meta.url));

/** The built server (the '@quire/server' package) serving the built app, on a random port over a fresh data folder. */
export const startTestServer = testServerStarter(startServer, { webRoot: WEB_ROOT });

/** Browser tests need the built app; this says how to get it instead of failing obscurely. */
export function requireWebBuild(): void {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT} has no build: run \`npm run build\` (or \`npm test\`) first`);
  }
}
