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
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  authSecret: string | undefined;
  allowedOrigins: string[];
  redisUrl: string | undefined;
  maxMessageBytes: number;
  maxMessagesPerSecond: number;
  maxBytesPerSecond: number;
  maxConnectionsPerIp: number;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  autoVersionMinutes: number;
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

export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new Error(`must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** Parses a byte size such as `65536`, `64KiB` or `16 MiB`. */
export function parseByteSize(raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(raw);
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) {
    throw new Error(`must be a size like 65536, 512KiB or 16MiB, got "${raw}"`);
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < 1024 || bytes > 1024 ** 3) {
    throw new Error(`must be between 1KiB and 1GiB, got "${raw}"`);
  }
  return bytes;
}

export function parseOriginList(raw: string): string[] {
  const origins = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`"${origin}" is not an origin like https://app.example.com`);
    }
    if (parsed.origin !== origin.replace(/\/$/, '')) {
      throw new Error(`"${origin}" is not an origin (scheme://host[:port], no path)`);
    }
  }
  return origins.map((origin) => origin.replace(/\/$/, ''));
}

function parseCount(raw: string): number {
  const count = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(count)) {
    throw new Error(`must be a whole number (0 = unlimited), got "${raw}"`);
  }
  return count;
}

function parseRate(raw: string): number {
  if (raw.trim() === '0') return 0;
  return parseByteSize(raw);
}

function parseSwitch(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new Error(`must be on or off, got "${raw}"`);
}

function parseNonEmpty(raw: string): string {
  if (raw.trim().length === 0) throw new Error('must not be empty');
  return raw;
}

function parseSecret(raw: string): string {
  if (raw.length < 16) throw new Error('must be at least 16 characters long');
  return raw;
}

function parseRedisUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL like redis://localhost:6379`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`must start with redis:// or rediss://, got "${raw}"`);
  }
  return raw;
}

function parseLogLevel(raw: string): LogLevel {
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (!level) throw new Error(`must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
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
  redisUrl: undefined,
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  maxMessagesPerSecond: DEFAULT_MAX_MESSAGES_PER_SECOND,
  maxBytesPerSecond: DEFAULT_MAX_BYTES_PER_SECOND,
  maxConnectionsPerIp: DEFAULT_MAX_CONNECTIONS_PER_IP,
  tlsCert: undefined,
  tlsKey: undefined,
  autoVersionMinutes: 0,
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
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, allowedOrigins: [] };
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
