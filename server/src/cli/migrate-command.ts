import type { Command } from 'commander';
import { SERVER_OPTIONS, type ServerOptions } from '@quire/shared';
import { EXIT_CONFIG } from './serve-command.js';
import type { MigrateSource } from './migrate-docs.js';

/**
 * `quire migrate --from-data DIR | --from-redis URL --postgres URL` (SPEC: Cluster mode):
 * copies documents, versions, files and deletion records into Postgres; safe to run again. Stop the servers using
 * the source first, so nothing changes while it is copied.
 */
interface MigrateFlags {
  fromData?: string;
  fromRedis?: string;
  postgres?: string;
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description(
      'copy documents, versions, files and deletion records from a LevelDB folder or a Redis-only cluster into Postgres',
    )
    .option('--from-data <dir>', 'LevelDB folder of a single server (its --data)')
    .option('--from-redis <url>', 'Redis of a cluster run with --redis alone')
    .option('--postgres <url>', 'Postgres to copy into (env DATABASE_URL)')
    .action(async (flags: MigrateFlags) => {
      const { source, postgresUrl, problems } = checkFlags(flags);
      if (problems.length > 0 || !source || postgresUrl === undefined) {
        process.stderr.write(`quire migrate: ${problems.join('; ')}\n`);
        process.exit(EXIT_CONFIG);
      }
      // Loaded only for this command: `quire serve` never pays for the Redis and Postgres clients.
      const { migrateDocs } = await import('./migrate-docs.js');
      const report = await migrateDocs(source, postgresUrl);
      process.stdout.write(
        `migrated ${report.docs} document(s), ${report.versions} version(s), ${report.files} file(s) and ${report.deletions} deletion record(s) into Postgres\n`,
      );
    });
}

function checkFlags(flags: MigrateFlags): { source?: MigrateSource; postgresUrl?: string; problems: string[] } {
  const problems: string[] = [];
  const postgresUrl = flags.postgres ?? process.env.DATABASE_URL;
  if (postgresUrl === undefined) problems.push('--postgres (or DATABASE_URL) is required');
  else check('postgresUrl', postgresUrl, '--postgres', problems);
  if ((flags.fromData === undefined) === (flags.fromRedis === undefined)) {
    problems.push('give exactly one of --from-data and --from-redis');
    return { problems };
  }
  if (flags.fromRedis !== undefined) check('redisUrl', flags.fromRedis, '--from-redis', problems);
  const source = flags.fromData !== undefined ? { dataDir: flags.fromData } : { redisUrl: flags.fromRedis! };
  return { source, postgresUrl, problems };
}

/** Checks `raw` with the server option `key`'s parser, as `quire serve` would. */
function check(key: keyof ServerOptions, raw: string, flag: string, problems: string[]): void {
  try {
    SERVER_OPTIONS.find((spec) => spec.key === key)?.parse(raw);
  } catch (err) {
    problems.push(`${flag}: ${(err as Error).message}`);
  }
}
