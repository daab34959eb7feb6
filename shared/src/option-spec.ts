/**
 * What a server option is (server-options.ts holds the table): the parsed options a server
 * runs with, and one row of the table.
 */
import type { LogLevel } from './log-levels.js';
import type { TrustProxy } from './integration-parsers.js';

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
  relayLog: boolean;
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

export function option<K extends keyof ServerOptions>(spec: OptionSpec<K>): OptionSpec<K> {
  return spec;
}
