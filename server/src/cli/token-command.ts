import { Option, type Command } from 'commander';
import { ACCESS_LEVELS, type AccessLevel } from '@quire/shared';
import { secretKey, signToken } from '../auth/tokens.js';
import { EXIT_CONFIG } from './serve-command.js';

interface TokenFlags {
  secret?: string;
  docs: string;
  access: AccessLevel;
  name?: string;
  sub?: string;
  ttl: string;
}

const TTL = /^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|week|weeks)$/i;

/** `quire token`: prints an access token for the server's secret (SPEC: Access). */
export function registerToken(program: Command): void {
  program
    .command('token')
    .description('print an access token (JWT, HS256) for a server started with --auth-secret')
    .addOption(new Option('--secret <secret>', 'the server secret (env AUTH_SECRET)'))
    .requiredOption('--docs <patterns>', "comma list of document names or prefixes like 'team/*' ('*' = all)")
    .addOption(new Option('--access <level>', 'read, comment, write or admin').choices(ACCESS_LEVELS).default('write'))
    .option('--name <name>', 'display name shown to other users')
    .option('--sub <id>', 'user id (default: the name, or "user")')
    .option('--ttl <duration>', 'lifetime such as 30m, 12h or 7d', '1h')
    .action(printToken);
}

async function printToken(flags: TokenFlags): Promise<void> {
  const secret = flags.secret ?? process.env.AUTH_SECRET;
  const docs = flags.docs
    .split(',')
    .map((doc) => doc.trim())
    .filter((doc) => doc.length > 0);
  const problems = problemsOf(secret, docs, flags.ttl);
  if (problems.length > 0 || secret === undefined) {
    process.stderr.write(`quire token: ${problems.join('; ')}\n`);
    process.exit(EXIT_CONFIG);
  }
  const token = await signToken(secretKey(secret), {
    sub: flags.sub ?? flags.name ?? 'user',
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    docs,
    access: flags.access,
    ttl: flags.ttl,
  });
  process.stdout.write(`${token}\n`);
}

/** Every problem with the flags at once, so one run tells the user all of them. */
function problemsOf(secret: string | undefined, docs: string[], ttl: string): string[] {
  return [
    secret === undefined && '--secret (or AUTH_SECRET) is required',
    secret !== undefined && secret.length < 16 && '--secret must be at least 16 characters long',
    docs.length === 0 && '--docs must name at least one document',
    !TTL.test(ttl) && `--ttl must look like 30m, 12h or 7d, got "${ttl}"`,
  ].filter((problem): problem is string => typeof problem === 'string');
}
