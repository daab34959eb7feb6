import * as Y from 'yjs';
import type { CommentAuthor } from '@quire/shared';
import { findIn } from './struct-lookup.js';

/**
 * Puts the token's name on comments a client posted under its own `sub` with another name
 * (SPEC: Comments: the author is the `sub`, shown with the token's name). A comment written
 * offline under the token's earlier name is accepted like any other, then shown under the
 * current one; a forged name never outlives the update that carried it.
 *
 * Runs on the server's document right after the update is applied, in one transaction with
 * `origin`; comments not applied yet (waiting for earlier updates) are relabelled when a
 * later update brings them in, since the check sees pending structs again then.
 */
export const RELABEL_ORIGIN = 'comment-relabel';

export function relabelComments(doc: Y.Doc, ids: readonly Y.ID[], author: CommentAuthor, origin: unknown): void {
  const comments = ids.flatMap((id) => {
    const item = findIn(doc.store.clients.get(id.client), id.clock);
    if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentType)) return [];
    const { type } = item.content;
    return type instanceof Y.Map ? [type as Y.Map<unknown>] : [];
  });
  if (comments.length === 0) return;
  doc.transact(() => {
    for (const comment of comments) comment.set('author', { sub: author.sub, name: author.name });
  }, origin);
}
