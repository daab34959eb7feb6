import type { Command } from 'commander';
import type { ServerOptions } from '@quire/shared';
import { startServer } from '../server.js';
import { environmentProblems } from '../start-options.js';
import { createLogger } from '../observability/logger.js';
import { isOpenToAnyHost } from '../http/hosts.js';
import { addServeOptions, resolveServeOptions } from './options.js';
import { tuneV8ForServing } from './v8-tuning.js';

/**
 * `quire serve` (SPEC: Server). Bad configuration exits 2 listing every problem; SIGTERM
 * or SIGINT flushes everything, closes sockets with 1001 and exits 0.
 */
export const EXIT_CONFIG = 2;

const FLAG_NAMES = { trustProxy: '--trust-proxy', tlsCert: '--tls-cert', tlsKey: '--tls-key' };

export function registerServe(program: Command): void {
  addServeOptions(
    program.command('serve', { isDefault: true }).description('serve the editor and the sync server'),
  ).action(async (flags: Record<string, unknown>) => {
    const config = resolveServeOptions(flags, process.env);
    const errors = config.ok ? environmentProblems(config.options, FLAG_NAMES) : config.errors;
    if (!config.ok || errors.length > 0) {
      process.stderr.write(`quire: invalid configuration:\n${errors.map((e) => `  - ${e}`).join('\n')}\n`);
      process.exit(EXIT_CONFIG);
    }
    await serve(config.options);
  });
}

async function serve(options: ServerOptions): Promise<void> {
  tuneV8ForServing();
  const logger = createLogger(options.logLevel);
  if (options.authSecret === undefined && options.authUrl === undefined) {
    logger.warn('no --auth-secret: this server is OPEN, anyone who can reach it can read and edit every document');
  }
  if (isOpenToAnyHost(options.host, options.allowedHosts)) {
    logger.warn(
      `bound to every interface (${options.host}): answering any Host name; set --allowed-hosts to the names clients use, to stop DNS rebinding`,
    );
  }
  const server = await startServer({ ...options, logger });
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
}
