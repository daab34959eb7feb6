/**
 * What the comment UI does to the document (SPEC: Comments): each change is its own Yjs
 * transaction with `COMMENTS_ORIGIN`, which the editor's undo manager does not track, so
 * undo never takes a comment back and a comment never becomes part of a text undo step.
 */
import { createCommand, type LexicalCommand } from 'lexical';
import type * as Y from 'yjs';
import type { CommentAuthor } from '@quire/shared';
import { addReply, createThread, deleteComment, editComment, newCommentId, setResolved } from '@quire/shared/comments';
import type { SelectionAnchor } from './anchors.js';

export const COMMENTS_ORIGIN = 'quire-comments';

/** Starts a comment on the current selection (toolbar button, Ctrl+Alt+M, the button beside the selection). */
export const START_COMMENT_COMMAND: LexicalCommand<void> = createCommand('START_COMMENT');

export interface CommentsUser {
  author: CommentAuthor;
  /** False for `read` access: comments are shown, not written. */
  canComment: boolean;
}

export function postThread(doc: Y.Doc, anchor: SelectionAnchor, author: CommentAuthor, body: string): string {
  const id = newCommentId();
  const comment = { id: newCommentId(), author, body, now: Date.now() };
  createThread(
    doc,
    { id, start: anchor.start, end: anchor.end, quote: anchor.quote.slice(0, 10_000), comment },
    COMMENTS_ORIGIN,
  );
  return id;
}

export function postReply(doc: Y.Doc, threadId: string, author: CommentAuthor, body: string): void {
  addReply(doc, threadId, { id: newCommentId(), author, body, now: Date.now() }, COMMENTS_ORIGIN);
}

export function resolveThread(doc: Y.Doc, threadId: string, resolved: boolean): void {
  setResolved(doc, threadId, resolved, COMMENTS_ORIGIN);
}

export function changeComment(doc: Y.Doc, threadId: string, commentId: string, body: string): void {
  editComment(doc, { threadId, commentId }, body, Date.now(), COMMENTS_ORIGIN);
}

export function removeComment(doc: Y.Doc, threadId: string, commentId: string): void {
  deleteComment(doc, { threadId, commentId }, COMMENTS_ORIGIN);
}
