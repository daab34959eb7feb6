/**
 * Turns the ways a server refuses a session into a lasting state (issue 5; SPEC: Access).
 *
 * - Close 4401 (token expired while connected) and 4404 (document deleted, or missing for
 *   a read-only token) are final:
 *   both transports stop reconnecting for them and emit `closed` (sync-connection.ts).
 * - A refused token never gets a socket: the upgrade answers 401/403, which a browser
 *   reports only as a failed connection, exactly like an unreachable server. After a few
 *   failures in a row we ask the HTTP API with the same token; 401/403 there means "no
 *   access" and we stop, anything else keeps the provider retrying (offline).
 */
import { CloseCode, NO_SUCH_DOCUMENT } from '@quire/shared';
import type { AccessProblem, StatusStore } from './connection-status.js';
import type { SyncConnection } from './sync-connection.js';

/** Failed attempts in a row (about 1.5 s with y-websocket's backoff) before we ask. */
export const FAILURES_BEFORE_ACCESS_CHECK = 3;

export interface AccessWatchOptions {
  connection: SyncConnection;
  status: StatusStore;
  /** Resolves to the API's HTTP status for this document and token, 0 if unreachable. */
  checkAccess: () => Promise<number>;
  /** Expiry of the token in ms since the epoch, to tell an old link from a refused one. */
  tokenExpiresAtMs: number | undefined;
  /** Called once when the server says the document is gone. */
  onDeleted: () => void;
}

export function problemOfClose(code: number, reason = ''): AccessProblem | null {
  if (code === CloseCode.TokenExpired) return 'expired';
  if (code === CloseCode.DocumentDeleted) return reason === NO_SUCH_DOCUMENT ? 'missing' : 'deleted';
  return null;
}

export function watchAccess(options: AccessWatchOptions): () => void {
  const { connection, status } = options;
  let failures = 0;
  let isChecking = false;
  let isStopped = false;

  const stop = (problem: AccessProblem): void => {
    if (status.getSnapshot().problem !== null) return;
    connection.disconnect();
    status.update({ problem });
    // The server holds no such document either way: this device's copy must not bring it back.
    if (problem === 'deleted' || problem === 'missing') options.onDeleted();
  };
  const checkAccess = async (): Promise<void> => {
    isChecking = true;
    const answer = await options.checkAccess();
    isChecking = false;
    if (isStopped || (answer !== 401 && answer !== 403)) return;
    const hasExpired = options.tokenExpiresAtMs !== undefined && options.tokenExpiresAtMs <= Date.now();
    stop(answer === 401 && hasExpired ? 'expired' : 'denied');
  };

  const onStatus = ({ status: socket }: { status: string }): void => {
    if (socket === 'connected') failures = 0;
  };
  const onClose = (): void => {
    failures += 1;
    if (failures % FAILURES_BEFORE_ACCESS_CHECK === 0 && !isChecking) void checkAccess();
  };
  const onClosed = ({ code, reason }: { code: number; reason: string }): void => {
    stop(problemOfClose(code, reason) ?? 'denied');
  };
  connection.on('status', onStatus);
  connection.on('connection-close', onClose);
  connection.on('closed', onClosed);
  return () => {
    isStopped = true;
    connection.off('status', onStatus);
    connection.off('connection-close', onClose);
    connection.off('closed', onClosed);
  };
}
