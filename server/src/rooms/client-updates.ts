import * as Y from 'yjs';
import { CloseCode, displayNameOf, type CommentAuthor } from '@quire/shared';
import { ProtocolError } from '../errors.js';
import { encodePermissionDenied } from '../protocol/encode.js';
import { checkUpdateStructure } from '../protocol/update-structure.js';
import { CommentRefused, checkCommentRules } from '../protocol/comment-rules.js';
import type { DecodedUpdate } from '../protocol/decode.js';
import type { Connection } from './connection.js';
import { carriesDeletedContent, type DeletedClocks } from './deleted-content.js';

/**
 * What a room checks before a client's update may touch its document: read-only clients
 * are refused (SPEC: Access), a copy of a deleted document stays deleted (4404), and the
 * update must keep the editor's document shape (`protocol/update-structure.ts`, 1003).
 */

/**
 * Throws the `ProtocolError` a client's `update` (`decoded` as it arrived) earns against
 * `doc` (document `docName`), if any.
 */
export function checkClientUpdate(
  { update, decoded }: ReceivedUpdate,
  doc: Y.Doc,
  deleted: DeletedClocks | undefined,
  docName: string,
): void {
  // A copy kept by a client that was away when the document was deleted: its text stays
  // deleted, and the client learns why (it drops its copy, as when it sees a deletion live).
  if (deleted !== undefined && carriesDeletedContent(update, deleted)) {
    throw new ProtocolError(CloseCode.DocumentDeleted, 'this copy is of a deleted document');
  }
  checkUpdateStructure(update, doc, docName, decoded);
}

/** An update as a client sent it, with its decoding (see `decodeFrame`). */
export interface ReceivedUpdate {
  update: Uint8Array;
  decoded: DecodedUpdate;
}

/**
 * Whether `conn` may change `doc` with `update` (SPEC: Access, Comments): `read` never;
 * `comment` only the comment threads; with tokens, comments only as the comment rules allow
 * (a broken rule closes the socket with 1003, like any invalid update). Open servers trust
 * everyone, and their updates skip the comment rules. `relabel`: comments to show under the
 * token's name once applied (`relabelComments`).
 */
export function mayApply(
  conn: Connection,
  { update, decoded }: ReceivedUpdate,
  doc: Y.Doc,
): { isAllowed: boolean; relabel: Y.ID[] } {
  if (conn.access === 'read') return { isAllowed: false, relabel: [] };
  if (conn.user === undefined) return { isAllowed: true, relabel: [] };
  try {
    const { touchesText, relabel } = checkCommentRules(update, doc, authorOf(conn.user), decoded);
    return { isAllowed: conn.access !== 'comment' || !touchesText, relabel };
  } catch (err) {
    if (err instanceof CommentRefused)
      throw new ProtocolError(CloseCode.UnsupportedData, `invalid update: ${err.message}`);
    throw err;
  }
}

/** Who a token's holder comments as (SPEC: Comments). */
export function authorOf(user: { sub: string; name?: string | undefined }): CommentAuthor {
  return { sub: user.sub, name: displayNameOf(user) };
}

/** SPEC: Access — a read-only client's edits are never applied, stored or relayed; it is told once. */
export function refuseReadOnlyUpdate(conn: Connection, update: Uint8Array | DecodedUpdate): void {
  if (conn.hasBeenDenied || isEmptyUpdate(update)) return;
  conn.markDenied();
  conn.logger.info(`${conn.access} client sent an update it may not make; refused`);
  conn.send(
    encodePermissionDenied(
      conn.access === 'comment' ? 'comment access: text edits are not saved' : 'read-only access: edits are not saved',
    ),
  );
}

/** The stock client always answers sync step 1 with its state, usually empty. */
export function isEmptyUpdate(update: Uint8Array | DecodedUpdate): boolean {
  const { structs, ds } = update instanceof Uint8Array ? Y.decodeUpdate(update) : update;
  return structs.length === 0 && ds.clients.size === 0;
}
