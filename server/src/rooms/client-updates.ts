import * as Y from 'yjs';
import { CloseCode } from '@quire/shared';
import { ProtocolError } from '../errors.js';
import { encodePermissionDenied } from '../protocol/encode.js';
import { checkUpdateStructure } from '../protocol/update-structure.js';
import type { Connection } from './connection.js';
import { carriesDeletedContent, type DeletedClocks } from './deleted-content.js';

/**
 * What a room checks before a client's update may touch its document: read-only clients
 * are refused (SPEC: Access), a copy of a deleted document stays deleted (4404), and the
 * update must keep the editor's document shape (`protocol/update-structure.ts`, 1003).
 */

/** Throws the `ProtocolError` a client's `update` earns against `doc` (document `docName`), if any. */
export function checkClientUpdate(
  update: Uint8Array,
  doc: Y.Doc,
  deleted: DeletedClocks | undefined,
  docName: string,
): void {
  // A copy kept by a client that was away when the document was deleted: its text stays
  // deleted, and the client learns why (it drops its copy, as when it sees a deletion live).
  if (deleted !== undefined && carriesDeletedContent(update, deleted)) {
    throw new ProtocolError(CloseCode.DocumentDeleted, 'this copy is of a deleted document');
  }
  checkUpdateStructure(update, doc, docName);
}

/** SPEC: Access — a read-only client's edits are never applied, stored or relayed; it is told once. */
export function refuseReadOnlyUpdate(conn: Connection, update: Uint8Array): void {
  if (conn.hasBeenDenied || isEmptyUpdate(update)) return;
  conn.markDenied();
  conn.logger.info('read-only client sent an update; refused');
  conn.send(encodePermissionDenied('read-only access: edits are not saved'));
}

/** The stock client always answers sync step 1 with its state, usually empty. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}
