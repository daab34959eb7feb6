import * as Y from 'yjs';
import { COMMENTS_TYPE, type CommentAuthor } from './comments.js';

/**
 * Changes to comment threads (SPEC: Comments), each one Yjs transaction with the caller's
 * origin. They write only the `comments` map: never the text, so the editor's undo (which
 * tracks its own binding's changes to `root`) never sees them. A thread's fields other
 * than `resolved` are written once, when it is made; a comment's author changes only its
 * `body`, `editedAt` and `deleted` afterwards. The server holds clients to exactly this
 * (`server/src/protocol/comment-rules.ts`).
 */
export interface NewComment {
  id: string;
  author: CommentAuthor;
  body: string;
  now: number;
}

export interface NewThread {
  id: string;
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
  comment: NewComment;
}

function threads(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(COMMENTS_TYPE);
}

function commentMap({ id, author, body, now }: NewComment): Y.Map<unknown> {
  const comment = new Y.Map<unknown>();
  comment.set('id', id);
  comment.set('author', { sub: author.sub, name: author.name });
  comment.set('body', body);
  comment.set('createdAt', now);
  return comment;
}

export function createThread(doc: Y.Doc, thread: NewThread, origin: unknown): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('start', Y.encodeRelativePosition(thread.start));
    map.set('end', Y.encodeRelativePosition(thread.end));
    map.set('quote', thread.quote);
    map.set('createdAt', thread.comment.now);
    map.set('resolved', false);
    const list = new Y.Array<Y.Map<unknown>>();
    list.push([commentMap(thread.comment)]);
    map.set('comments', list);
    threads(doc).set(thread.id, map);
  }, origin);
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> | null {
  const thread = threads(doc).get(threadId);
  return thread instanceof Y.Map ? (thread as Y.Map<unknown>) : null;
}

/** Adds a reply; false when there is no such thread. */
export function addReply(doc: Y.Doc, threadId: string, comment: NewComment, origin: unknown): boolean {
  const list = threadMap(doc, threadId)?.get('comments');
  if (!(list instanceof Y.Array)) return false;
  doc.transact(() => list.push([commentMap(comment)]), origin);
  return true;
}

/** Resolves or reopens a thread; false when there is no such thread. */
export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, origin: unknown): boolean {
  const thread = threadMap(doc, threadId);
  if (thread === null) return false;
  if (thread.get('resolved') !== resolved) doc.transact(() => thread.set('resolved', resolved), origin);
  return true;
}

function findComment(doc: Y.Doc, threadId: string, commentId: string): Y.Map<unknown> | null {
  const list = threadMap(doc, threadId)?.get('comments');
  if (!(list instanceof Y.Array)) return null;
  for (const comment of list.toArray() as unknown[]) {
    if (comment instanceof Y.Map && comment.get('id') === commentId) return comment as Y.Map<unknown>;
  }
  return null;
}

export function editComment(
  doc: Y.Doc,
  ids: { threadId: string; commentId: string },
  body: string,
  now: number,
  origin: unknown,
): boolean {
  const comment = findComment(doc, ids.threadId, ids.commentId);
  if (comment === null) return false;
  doc.transact(() => {
    comment.set('body', body);
    comment.set('editedAt', now);
  }, origin);
  return true;
}

/** Deletes a comment: it keeps its place, empty, so replies after it keep theirs. */
export function deleteComment(doc: Y.Doc, ids: { threadId: string; commentId: string }, origin: unknown): boolean {
  const comment = findComment(doc, ids.threadId, ids.commentId);
  if (comment === null) return false;
  doc.transact(() => {
    comment.set('body', '');
    comment.set('deleted', true);
  }, origin);
  return true;
}
