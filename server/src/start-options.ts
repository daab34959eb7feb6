import type * as Y from 'yjs';
import { checkServerOptions, type ServerOptions } from '@quire/shared';
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

/** The options with their defaults, or an Error listing every problem. */
export function checkedOptions(startOptions: StartOptions): ServerOptions {
  const result = checkServerOptions(startOptions);
  const errors = result.ok ? trustProxyProblems(result.options, 'trustProxy') : result.errors;
  if (!result.ok || errors.length > 0) throw new Error(`invalid server options:\n  - ${errors.join('\n  - ')}`);
  return result.options;
}

/** How long a document nobody uses stays loaded. */
export function unloadGraceOf(options: ServerOptions, startOptions: StartOptions): number {
  return startOptions.unloadGraceMs ?? options.unloadGraceSeconds * 1000;
}
