#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT_CONFIG, registerServe } from './serve-command.js';
import { registerToken } from './token-command.js';
import { registerMigrate } from './migrate-command.js';

/** `quire` command line (SPEC: Server, Access): `serve` (the default), `token` and `migrate`. */
const program = new Command('quire')
  .description('Quire: self-hosted collaborative rich-text editor and Yjs sync server')
  .exitOverride();
registerServe(program);
registerToken(program);
registerMigrate(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : EXIT_CONFIG);
  process.stderr.write(`quire: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
