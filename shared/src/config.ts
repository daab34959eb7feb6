import {
  DEFAULT_MAX_BYTES_PER_SECOND,
  DEFAULT_MAX_CONNECTIONS_PER_IP,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_MESSAGES_PER_SECOND,
  DEFAULT_PORT,
} from './protocol.js';

/**
 * The one table of server options (SPEC: Server). The CLI, `--help` and the README are
 * all derived from it. Every option has a flag and an environment variable; flags win.
 * A parser returns the parsed value or throws an Error whose message names the problem.
 */
import { LOG_LEVELS, type LogLevel } from './log-levels.js';
import {
  parseByteSize,
  parseHostList,
  parseCount,
  parseLogLevel,
  parseNonEmpty,
  parseOriginList,
  parsePort,
  parseRate,
  parseRedisUrl,
  parseSecret,
  parseSwitch,
} from './option-parsers.js';

export { LOG_LEVELS, type LogLevel };

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  authSecret: string | undefined;
  allowedOrigins: string[];
  /** Empty: the names of the bound address (any host when bound to every interface). */
  allowedHosts: string[];
  redisUrl: string | undefined;
  maxMessageBytes: number;
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  maxConnectionsPerIp: number;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  autoVersionMinutes: number;
  contentTimeoutSeconds: number;
  commitIntervalMs: number;
  httpFallback: boolean;
  logLevel: LogLevel;
}

export interface OptionSpec<K extends keyof ServerOptions = keyof ServerOptions> {
  key: K;
  flag: string;
  env: string;
  /** Default as a user would write it; undefined means "none". */
  defaultText: string | undefined;
  help: string;
  parse(raw: string): ServerOptions[K];
}

function option<K extends keyof ServerOptions>(spec: OptionSpec<K>): OptionSpec<K> {
  return spec;
}

export const SERVER_OPTIONS = [
  option({
    key: 'port',
    flag: '--port',
    env: 'PORT',
    defaultText: String(DEFAULT_PORT),
    help: 'HTTP + WebSocket port (0 = pick a free one and print it)',
    parse: parsePort,
  }),
  option({
    key: 'host',
    flag: '--host',
    env: 'HOST',
    defaultText: 'localhost',
    help: 'bind address',
    parse: parseNonEmpty,
  }),
  option({
    key: 'dataDir',
    flag: '--data',
    env: 'DATA_DIR',
    defaultText: './data',
    help: 'LevelDB folder',
    parse: parseNonEmpty,
  }),
  option({
    key: 'authSecret',
    flag: '--auth-secret',
    env: 'AUTH_SECRET',
    defaultText: undefined,
    help: 'HS256 secret for access tokens; none = open server, with a warning at start',
    parse: parseSecret,
  }),
  option({
    key: 'allowedOrigins',
    flag: '--allowed-origins',
    env: 'ALLOWED_ORIGINS',
    defaultText: undefined,
    help: "comma list of browser origins allowed to connect besides the server's own",
    parse: parseOriginList,
  }),
  option({
    key: 'allowedHosts',
    flag: '--allowed-hosts',
    env: 'ALLOWED_HOSTS',
    defaultText: undefined,
    help: 'comma list of host names the server answers to (others get 403; stops DNS rebinding); none = the names of --host (localhost, 127.0.0.1, [::1] for loopback), any host when bound to 0.0.0.0 or ::; * = any host',
    parse: parseHostList,
  }),
  option({
    key: 'redisUrl',
    flag: '--redis',
    env: 'REDIS_URL',
    defaultText: undefined,
    help: 'cluster mode: share documents with other instances through Redis',
    parse: parseRedisUrl,
  }),
  option({
    key: 'maxMessageBytes',
    flag: '--max-message-bytes',
    env: 'MAX_MESSAGE_BYTES',
    defaultText: '16MiB',
    help: 'larger frames close the socket (1009)',
    parse: parseByteSize,
  }),
  option({
    key: 'maxMessagesPerSecond',
    flag: '--max-messages-per-second',
    env: 'MAX_MESSAGES_PER_SECOND',
    defaultText: String(DEFAULT_MAX_MESSAGES_PER_SECOND),
    help: 'per-connection message rate; bursts of 2 s allowed; beyond it the socket is closed (1008); 0 = unlimited',
    parse: parseCount,
  }),
  option({
    key: 'maxBytesPerSecond',
    flag: '--max-bytes-per-second',
    env: 'MAX_BYTES_PER_SECOND',
    defaultText: '8MiB',
    help: 'per-connection byte rate (bursts up to --max-message-bytes); beyond it the socket is closed (1008); 0 = unlimited',
    parse: parseRate,
  }),
  option({
    key: 'maxConnectionsPerIp',
    flag: '--max-connections-per-ip',
    env: 'MAX_CONNECTIONS_PER_IP',
    defaultText: String(DEFAULT_MAX_CONNECTIONS_PER_IP),
    help: 'open WebSockets allowed from one client address; more get HTTP 429; 0 = unlimited',
    parse: parseCount,
  }),
  option({
    key: 'tlsCert',
    flag: '--tls-cert',
    env: 'TLS_CERT',
    defaultText: undefined,
    help: 'PEM certificate file: serve https and wss directly (needs --tls-key)',
    parse: parseNonEmpty,
  }),
  option({
    key: 'tlsKey',
    flag: '--tls-key',
    env: 'TLS_KEY',
    defaultText: undefined,
    help: 'PEM private key file for --tls-cert',
    parse: parseNonEmpty,
  }),
  option({
    key: 'autoVersionMinutes',
    flag: '--auto-version-minutes',
    env: 'AUTO_VERSION_MINUTES',
    defaultText: '0',
    help: 'save an automatic version of a document every N minutes while it is being edited; 0 = off',
    parse: parseCount,
  }),
  option({
    key: 'contentTimeoutSeconds',
    flag: '--content-timeout-seconds',
    env: 'CONTENT_TIMEOUT_SECONDS',
    defaultText: '30',
    help: 'give up rendering or parsing a document over HTTP (formats, PUT, versions) after N seconds, with 503; 0 = no limit',
    parse: parseCount,
  }),
  option({
    key: 'commitIntervalMs',
    flag: '--commit-interval-ms',
    env: 'COMMIT_INTERVAL_MS',
    defaultText: '10',
    help: 'under load, start synced LevelDB writes at most every N ms so each fsync carries more edits (less CPU, up to N ms more latency); 0 = sync each write at once',
    parse: parseCount,
  }),
  option({
    key: 'httpFallback',
    flag: '--http-fallback',
    env: 'HTTP_FALLBACK',
    defaultText: 'on',
    help: 'offer the HTTP transport (server-sent events + POST) to clients whose WebSockets are blocked: on or off',
    parse: parseSwitch,
  }),
  option({
    key: 'logLevel',
    flag: '--log-level',
    env: 'LOG_LEVEL',
    defaultText: 'info',
    help: `pino level (${LOG_LEVELS.join(', ')}); logs are JSON lines on stdout`,
    parse: parseLogLevel,
  }),
] as const;

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  port: DEFAULT_PORT,
  host: 'localhost',
  dataDir: './data',
  authSecret: undefined,
  allowedOrigins: [],
  allowedHosts: [],
  redisUrl: undefined,
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  maxMessagesPerSecond: DEFAULT_MAX_MESSAGES_PER_SECOND,
  maxBytesPerSecond: DEFAULT_MAX_BYTES_PER_SECOND,
  maxConnectionsPerIp: DEFAULT_MAX_CONNECTIONS_PER_IP,
  tlsCert: undefined,
  tlsKey: undefined,
  autoVersionMinutes: 0,
  contentTimeoutSeconds: 30,
  commitIntervalMs: 10,
  httpFallback: true,
  logLevel: 'info',
};

export type ConfigResult = { ok: true; options: ServerOptions } | { ok: false; errors: string[] };

/**
 * Resolves raw flag values (already split by the CLI) and environment variables into
 * checked options. Every problem is collected so the operator sees them all at once.
 */
export function resolveServerOptions(
  flags: Partial<Record<keyof ServerOptions, string>>,
  env: Record<string, string | undefined>,
): ConfigResult {
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, allowedOrigins: [], allowedHosts: [] };
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
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    errors.push('--tls-cert and --tls-key must be given together');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options: Object.freeze(options) };
}
