/**
 * The one table of server options (SPEC: Server). The CLI, `--help`, `startServer()` and
 * the flags table in docs/operating.md (`npm run docs:options`) are all derived from it,
 * so each default is written once, here. Every option has a flag and an environment
 * variable; flags win. A parser returns the parsed value or throws an Error whose message
 * names the problem.
 */
import { LOG_LEVELS, type LogLevel } from './log-levels.js';
import {
  formatByteSize,
  parseByteSize,
  parseHostList,
  parseCount,
  parseLogLevel,
  parseNonEmpty,
  parseOriginList,
  parsePort,
  parseRate,
  parsePostgresUrl,
  parseRedisUrl,
  parseSecret,
  parseSwitch,
} from './option-parsers.js';
import {
  formatTrustProxy,
  parseHttpUrl,
  parseHttpUrlList,
  parseTrustProxy,
  parseWebhookSecret,
  type TrustProxy,
} from './integration-parsers.js';

export { LOG_LEVELS, type LogLevel, type TrustProxy };

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  authSecret: string | undefined;
  allowedOrigins: string[];
  /** Empty: the names of the bound address (any host when bound to every interface). */
  allowedHosts: string[];
  redisUrl: string | undefined;
  postgresUrl: string | undefined;
  unloadGraceSeconds: number;
  maxMessageBytes: number;
  maxUploadBytes: number;
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  maxConnectionsPerIp: number;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  autoVersionMinutes: number;
  contentTimeoutSeconds: number;
  commitIntervalMs: number;
  syncBeforeRelay: boolean;
  httpFallback: boolean;
  logLevel: LogLevel;
  authUrl: string | undefined;
  authCacheSeconds: number;
  /** Undefined: forwarded headers are ignored. */
  trustProxy: TrustProxy | undefined;
  webhookUrls: string[];
  webhookSecret: string | undefined;
  webhookDebounceMs: number;
}

export interface OptionSpec<K extends keyof ServerOptions = keyof ServerOptions> {
  key: K;
  flag: string;
  env: string;
  /** The value used when neither the flag nor the variable is set; undefined means "none". */
  default: ServerOptions[K];
  /** One line for `--help` and the docs' flags table. */
  help: string;
  parse(raw: string): ServerOptions[K];
  /** Writes the default as a user would type it; `String(value)` when absent. */
  format?(value: ServerOptions[K]): string;
}

function option<K extends keyof ServerOptions>(spec: OptionSpec<K>): OptionSpec<K> {
  return spec;
}

export const SERVER_OPTIONS = [
  option({
    key: 'port',
    flag: '--port',
    env: 'PORT',
    default: 1234,
    help: 'HTTP + WebSocket port (0 = pick a free one and print it)',
    parse: parsePort,
  }),
  option({
    key: 'host',
    flag: '--host',
    env: 'HOST',
    default: 'localhost',
    help: 'bind address (0.0.0.0 to listen on every interface)',
    parse: parseNonEmpty,
  }),
  option({
    key: 'dataDir',
    flag: '--data',
    env: 'DATA_DIR',
    default: './data',
    help: 'LevelDB folder (not used with --redis or --postgres)',
    parse: parseNonEmpty,
  }),
  option({
    key: 'authSecret',
    flag: '--auth-secret',
    env: 'AUTH_SECRET',
    default: undefined,
    help: 'HS256 secret for access tokens (16+ characters); none = open server, with a warning at start',
    parse: parseSecret,
  }),
  option({
    key: 'allowedOrigins',
    flag: '--allowed-origins',
    env: 'ALLOWED_ORIGINS',
    default: [],
    help: "comma list of browser origins allowed to connect besides the server's own",
    parse: parseOriginList,
  }),
  option({
    key: 'allowedHosts',
    flag: '--allowed-hosts',
    env: 'ALLOWED_HOSTS',
    default: [],
    help: 'comma list of host names the server answers to (others get 403; stops DNS rebinding); none = the names of --host (localhost, 127.0.0.1, [::1] for loopback), any host when bound to 0.0.0.0 or ::; * = any host',
    parse: parseHostList,
  }),
  option({
    key: 'redisUrl',
    flag: '--redis',
    env: 'REDIS_URL',
    default: undefined,
    help: 'cluster mode: share documents with other instances through Redis',
    parse: parseRedisUrl,
  }),
  option({
    key: 'postgresUrl',
    flag: '--postgres',
    env: 'DATABASE_URL',
    default: undefined,
    help: 'keep documents, versions and deletion records in Postgres (postgres://user:pass@host/db; schema created at start); with --redis, Redis carries only live traffic',
    parse: parsePostgresUrl,
  }),
  option({
    key: 'unloadGraceSeconds',
    flag: '--unload-grace-seconds',
    env: 'UNLOAD_GRACE_SECONDS',
    default: 30,
    help: 'a document with no connections is written back compacted and unloaded from memory after N seconds (with --redis and --postgres, also moved out of Redis); 0 = at once',
    parse: parseCount,
  }),
  option({
    key: 'maxMessageBytes',
    flag: '--max-message-bytes',
    env: 'MAX_MESSAGE_BYTES',
    default: 16 * 1024 * 1024,
    format: formatByteSize,
    help: 'larger frames close the socket (1009); sizes like 65536, 512KiB, 16MiB (1KiB to 1GiB); also the HTTP API body limit',
    parse: parseByteSize,
  }),
  option({
    key: 'maxUploadBytes',
    flag: '--max-upload-bytes',
    env: 'MAX_UPLOAD_BYTES',
    default: 10 * 1024 * 1024,
    format: formatByteSize,
    help: 'largest image upload (POST /api/docs/:name/files); larger ones get HTTP 413; sizes like 512KiB, 10MiB',
    parse: parseByteSize,
  }),
  option({
    key: 'maxMessagesPerSecond',
    flag: '--max-messages-per-second',
    env: 'MAX_MESSAGES_PER_SECOND',
    default: 1000,
    help: 'per-connection message rate; bursts of 2 s allowed; beyond it the socket is closed (1008); 0 = unlimited',
    parse: parseCount,
  }),
  option({
    key: 'maxBytesPerSecond',
    flag: '--max-bytes-per-second',
    env: 'MAX_BYTES_PER_SECOND',
    default: 8 * 1024 * 1024,
    format: formatByteSize,
    help: 'per-connection byte rate (bursts up to --max-message-bytes); beyond it the socket is closed (1008); 0 = unlimited',
    parse: parseRate,
  }),
  option({
    key: 'maxConnectionsPerIp',
    flag: '--max-connections-per-ip',
    env: 'MAX_CONNECTIONS_PER_IP',
    default: 100,
    help: 'open WebSockets allowed from one client address; more get HTTP 429; 0 = unlimited',
    parse: parseCount,
  }),
  option({
    key: 'tlsCert',
    flag: '--tls-cert',
    env: 'TLS_CERT',
    default: undefined,
    help: 'PEM certificate file: serve https and wss directly (needs --tls-key)',
    parse: parseNonEmpty,
  }),
  option({
    key: 'tlsKey',
    flag: '--tls-key',
    env: 'TLS_KEY',
    default: undefined,
    help: 'PEM private key file for --tls-cert',
    parse: parseNonEmpty,
  }),
  option({
    key: 'autoVersionMinutes',
    flag: '--auto-version-minutes',
    env: 'AUTO_VERSION_MINUTES',
    default: 0,
    help: 'save an automatic version of a document every N minutes while it is being edited; 0 = off',
    parse: parseCount,
  }),
  option({
    key: 'contentTimeoutSeconds',
    flag: '--content-timeout-seconds',
    env: 'CONTENT_TIMEOUT_SECONDS',
    default: 30,
    help: 'give up rendering or parsing a document over HTTP (formats, PUT, versions) after N seconds, with 503; 0 = no limit',
    parse: parseCount,
  }),
  option({
    key: 'commitIntervalMs',
    flag: '--commit-interval-ms',
    env: 'COMMIT_INTERVAL_MS',
    default: 10,
    help: 'under load, start LevelDB syncs (fsync) at most every N ms, so one sync carries every edit of those N ms (much less CPU on busy servers; up to N ms more before an edit is acknowledged as saved, never before it is relayed); a sync on an idle server starts at once; 0 = never wait',
    parse: parseCount,
  }),
  option({
    key: 'syncBeforeRelay',
    flag: '--sync-before-relay',
    env: 'SYNC_BEFORE_RELAY',
    default: false,
    help: 'relay an edit only once it is synced to disk, not as soon as it is written: slower relaying, but even a machine crash loses nothing another client has seen; on or off',
    parse: parseSwitch,
  }),
  option({
    key: 'httpFallback',
    flag: '--http-fallback',
    env: 'HTTP_FALLBACK',
    default: true,
    help: 'offer the HTTP transport (server-sent events + POST) to clients whose WebSockets are blocked: on or off',
    parse: parseSwitch,
  }),
  option({
    key: 'logLevel',
    flag: '--log-level',
    env: 'LOG_LEVEL',
    default: 'info',
    help: `pino level (${LOG_LEVELS.join(', ')}); logs are JSON lines on stdout`,
    parse: parseLogLevel,
  }),
  option({
    key: 'authUrl',
    flag: '--auth-url',
    env: 'AUTH_URL',
    default: undefined,
    help: 'ask this URL who may do what: POSTs { docName, token, cookie, origin } for every upgrade and /api request; see docs/auth.md',
    parse: parseHttpUrl,
  }),
  option({
    key: 'authCacheSeconds',
    flag: '--auth-cache-seconds',
    env: 'AUTH_CACHE_SECONDS',
    default: 30,
    help: 'keep each --auth-url answer for N seconds per credential and document; 0 = ask every time',
    parse: parseCount,
  }),
  option({
    key: 'trustProxy',
    flag: '--trust-proxy',
    env: 'TRUST_PROXY',
    default: undefined,
    format: formatTrustProxy,
    help: 'believe X-Forwarded-For/-Proto from these proxies: a hop count, or a comma list of addresses/CIDRs (loopback, 10.0.0.0/8); none = ignore those headers',
    parse: parseTrustProxy,
  }),
  option({
    key: 'webhookUrls',
    flag: '--webhook-url',
    env: 'WEBHOOK_URL',
    default: [],
    help: 'comma list of URLs that get signed document events (needs --webhook-secret); see docs/webhooks.md',
    parse: parseHttpUrlList,
  }),
  option({
    key: 'webhookSecret',
    flag: '--webhook-secret',
    env: 'WEBHOOK_SECRET',
    default: undefined,
    help: 'Standard Webhooks signing secret (whsec_ and base64 of 24 to 64 bytes)',
    parse: parseWebhookSecret,
  }),
  option({
    key: 'webhookDebounceMs',
    flag: '--webhook-debounce-ms',
    env: 'WEBHOOK_DEBOUNCE_MS',
    default: 2000,
    help: 'send document.changed N ms after the last change of a burst (at most 10 s after its first change)',
    parse: parseCount,
  }),
] as const;

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
