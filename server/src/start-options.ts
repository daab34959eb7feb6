import { accessSync, constants } from 'node:fs';
import type * as Y from 'yjs';
import { SERVER_OPTIONS, checkServerOptions, type ServerOptions } from '@quire/shared';
import { trustProxyProblems } from './http/client-address.js';
import type { Logger } from './observability/logger.js';
import type { DocStore } from './storage/doc-store.js';
import type { Clock } from './util/clock.js';

/**
 * What an embedder or a test passes to startServer(): the SPEC's flags, plus options that
 * exist for tests and embedders. Checked like the CLI's flags before anything starts.
 */
export interface StartOptions extends Partial<ServerOptions> {
  logger?: Logger;
  /** Overrides --unload-grace-seconds with a finer unit. */
  unloadGraceMs?: number;
  pingIntervalMs?: number;
  /** Heartbeat of the HTTP fallback transport. */
  httpHeartbeatMs?: number;
  /** Overrides --auto-version-minutes with a finer unit. */
  autoVersionMs?: number;
  maxBufferedBytes?: number;
  /** Folder of the built web app. */
  webRoot?: string;
  initialContent?: (doc: Y.Doc) => void;
  /** Overrides --content-timeout-seconds with a finer unit. */
  contentTimeoutMs?: number;
  /** Time to send the request headers; the README promises HANDSHAKE_TIMEOUT_MS. */
  handshakeTimeoutMs?: number;
  /**
   * Time for every timer of the server: heartbeats, unload grace periods, token expiry,
   * rate limits, automatic versions. Tests pass a clock they move by hand.
   */
  clock?: Clock;
  /** Wraps the LevelDB store, e.g. to observe or delay storage in tests. */
  wrapStore?: (store: DocStore) => DocStore;
}

/** The options only startServer() takes; with the table's keys, every key it knows. */
const START_ONLY_KEYS = {
  logger: true,
  unloadGraceMs: true,
  pingIntervalMs: true,
  httpHeartbeatMs: true,
  autoVersionMs: true,
  maxBufferedBytes: true,
  webRoot: true,
  initialContent: true,
  contentTimeoutMs: true,
  handshakeTimeoutMs: true,
  clock: true,
  wrapStore: true,
} satisfies Record<Exclude<keyof StartOptions, keyof ServerOptions>, true>;

const KNOWN_KEYS = new Set<string>([...SERVER_OPTIONS.map((spec) => spec.key), ...Object.keys(START_ONLY_KEYS)]);

/**
 * The options with their defaults, or an Error listing every problem: what the CLI
 * reports for its flags (bad values, unknown names, unreadable files), by option name.
 */
export function checkedOptions(startOptions: StartOptions): ServerOptions {
  const unknown = Object.keys(startOptions)
    .filter((key) => !KNOWN_KEYS.has(key))
    .map((key) => `${key}: not an option of startServer()`);
  const result = checkServerOptions(startOptions);
  const errors = [...unknown, ...(result.ok ? environmentProblems(result.options, OPTION_NAMES) : result.errors)];
  if (!result.ok || errors.length > 0) throw new Error(`invalid server options:\n  - ${errors.join('\n  - ')}`);
  return result.options;
}

/** How the options a check may find fault with are called: by key, or by flag for the CLI. */
export interface OptionNames {
  trustProxy: string;
  tlsCert: string;
  tlsKey: string;
}

const OPTION_NAMES: OptionNames = { trustProxy: 'trustProxy', tlsCert: 'tlsCert', tlsKey: 'tlsKey' };

/** Problems only the machine can reveal: files it cannot read, proxy rules its library cannot. */
export function environmentProblems(options: ServerOptions, names: OptionNames): string[] {
  const problems = trustProxyProblems(options, names.trustProxy);
  for (const key of ['tlsCert', 'tlsKey'] as const) {
    const path = options[key];
    if (path === undefined) continue;
    try {
      accessSync(path, constants.R_OK);
    } catch {
      problems.push(`${names[key]}: cannot read "${path}"`);
    }
  }
  return problems;
}

/** How long a document nobody uses stays loaded. */
export function unloadGraceOf(options: ServerOptions, startOptions: StartOptions): number {
  return startOptions.unloadGraceMs ?? options.unloadGraceSeconds * 1000;
}
