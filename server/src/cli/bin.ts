#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { startServer } from '../server.js';
import { createLogger } from '../observability/logger.js';
import { addServeOptions, resolveServeOptions } from './options.js';

/**
 * `quire` command line (SPEC: Server). Bad configuration exits 2 listing every problem;
 * SIGTERM or SIGINT flushes everything, closes sockets with 1001 and exits 0.
 */
const EXIT_CONFIG = 2;

const program = new Command('quire')
  .description('Quire: self-hosted collaborative rich-text editor and Yjs sync server')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

addServeOptions(
  program.command('serve', { isDefault: true }).description('serve the editor and the sync server'),
).action(async (flags: Record<string, unknown>) => {
  const config = resolveServeOptions(flags, process.env);
  if (!config.ok) {
    process.stderr.write(`quire: invalid configuration:\n${config.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(EXIT_CONFIG);
  }
  const unsupported = [
    config.options.authSecret !== undefined && '--auth-secret (access tokens, issue #5)',
    config.options.redisUrl !== undefined && '--redis (cluster mode, issue #8)',
  ].filter((item): item is string => typeof item === 'string');
  if (unsupported.length > 0) {
    process.stderr.write(`quire: not available in this version: ${unsupported.join(', ')}\n`);
    process.exit(EXIT_CONFIG);
  }
  const logger = createLogger(config.options.logLevel);
  if (config.options.authSecret === undefined) {
    logger.warn('no --auth-secret: this server is OPEN, anyone who can reach it can read and edit every document');
  }
  const server = await startServer({ ...config.options, logger });
  let isStopping = false;
  const stop = (signal: string): void => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exit(err.exitCode === 0 ? 0 : EXIT_CONFIG);
  }
  process.stderr.write(`quire: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
