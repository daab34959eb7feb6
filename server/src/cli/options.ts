import { Command, Option } from 'commander';
import {
  SERVER_OPTIONS,
  defaultTextOf,
  resolveServerOptions,
  type ConfigResult,
  type ServerOptions,
} from '@quire/shared';

/**
 * Turns `quire serve` flags and the environment into one checked, frozen config
 * (SPEC: Server). The only code that reads `process.env` is the caller of `parseServeArgs`.
 * Commander splits the flags; the shared option table parses and checks the values, so
 * every problem is reported together.
 */
export function addServeOptions(command: Command): Command {
  for (const spec of SERVER_OPTIONS) {
    const help = `${spec.help} (env ${spec.env}, default ${defaultTextOf(spec)})`;
    command.addOption(new Option(`${spec.flag} <value>`, help));
  }
  return command;
}

/** Maps commander's camelCase option names back to the table's keys. */
export function resolveServeOptions(
  parsed: Record<string, unknown>,
  env: Record<string, string | undefined>,
): ConfigResult {
  const flags: Partial<Record<keyof ServerOptions, string>> = {};
  for (const spec of SERVER_OPTIONS) {
    const value = parsed[flagToCamel(spec.flag)];
    if (typeof value === 'string') flags[spec.key] = value;
  }
  return resolveServerOptions(flags, env);
}

function flagToCamel(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
