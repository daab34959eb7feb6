/**
 * Server options resolved against the table in server-options.ts: defaults, the CLI's flags
 * and environment, and `startServer()`'s object, each checked with every problem reported at once.
 */
import { SERVER_OPTIONS, type OptionSpec, type ServerOptions } from './server-options.js';

export {
  LOG_LEVELS,
  SERVER_OPTIONS,
  type LogLevel,
  type OptionSpec,
  type ServerOptions,
  type TrustProxy,
} from './server-options.js';

/** The defaults, straight from the table. */
export const DEFAULT_SERVER_OPTIONS: Readonly<ServerOptions> = Object.freeze(defaultServerOptions());

/** A fresh copy of the defaults (arrays included), for callers that fill it in. */
function defaultServerOptions(): ServerOptions {
  const entries = SERVER_OPTIONS.map((spec) => [spec.key, copyValue(spec.default)]);
  return Object.fromEntries(entries) as ServerOptions;
}

function copyValue<T>(value: T): T {
  return (Array.isArray(value) ? [...(value as unknown[])] : value) as T;
}

// Every key of ServerOptions has exactly one row: a missing one fails to compile here.
type MissingOption = Exclude<keyof ServerOptions, (typeof SERVER_OPTIONS)[number]['key']>;
const NO_MISSING_OPTION: [MissingOption] extends [never] ? true : MissingOption = true;
void NO_MISSING_OPTION;

/** The default as `--help` and the docs write it: `none` when there is none. */
export function defaultTextOf(spec: OptionSpec): string {
  const value: unknown = spec.default;
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return 'none';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (spec.format) return (spec.format as (v: unknown) => string)(value);
  return Array.isArray(value) ? value.join(',') : String(value);
}

export type ConfigResult = { ok: true; options: ServerOptions } | { ok: false; errors: string[] };

/**
 * Resolves raw flag values (already split by the CLI) and environment variables into
 * checked options. Every problem is collected so the operator sees them all at once.
 */
export function resolveServerOptions(
  flags: Partial<Record<keyof ServerOptions, string>>,
  env: Record<string, string | undefined>,
): ConfigResult {
  const options = defaultServerOptions();
  const errors: string[] = [];
  for (const spec of SERVER_OPTIONS) {
    const fromFlag = flags[spec.key];
    const raw = fromFlag ?? env[spec.env];
    if (raw === undefined) continue;
    try {
      (options as unknown as Record<string, unknown>)[spec.key] = spec.parse(raw);
    } catch (err) {
      const source = fromFlag !== undefined ? spec.flag : spec.env;
      errors.push(`${source}: ${(err as Error).message}`);
    }
  }
  return finish(options, errors, {
    tls: '--tls-cert and --tls-key',
    webhook: '--webhook-secret',
    urls: '--webhook-url',
  });
}

/**
 * Checks options given as values (`startServer()`) with the same parsers as the CLI, so
 * an embedder gets the same limits and every problem at once, named by option key.
 */
export function checkServerOptions(given: Partial<ServerOptions>): ConfigResult {
  const options = defaultServerOptions();
  const errors: string[] = [];
  for (const spec of SERVER_OPTIONS) {
    const value: unknown = given[spec.key];
    // An empty list means "none", which no parser is asked to read.
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    try {
      (options as unknown as Record<string, unknown>)[spec.key] = spec.parse(rawOf(value));
    } catch (err) {
      errors.push(`${spec.key}: ${(err as Error).message}`);
    }
  }
  return finish(options, errors, { tls: 'tlsCert and tlsKey', webhook: 'webhookSecret', urls: 'webhookUrls' });
}

/** A value as it would be typed on the command line. */
function rawOf(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

function finish(
  options: ServerOptions,
  errors: string[],
  names: { tls: string; webhook: string; urls: string },
): ConfigResult {
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    errors.push(`${names.tls} must be given together`);
  }
  if (options.webhookUrls.length > 0 && options.webhookSecret === undefined) {
    errors.push(`${names.webhook} is required with ${names.urls}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options: Object.freeze(options) };
}
