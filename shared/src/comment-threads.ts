import * as Y from 'yjs';
import { COMMENTS_TYPE, type CommentAuthor, type ThreadView } from './comments.js';
import { recoverAnchor } from './comment-recovery.js';
import { TextIndex } from './text-index.js';

/**
 * Reading and changing comment threads in a document (SPEC: Comments; the layout is in
 * comments.ts). Both the editor and the server's HTTP API go through these, so every
 * thread has the same shape whoever made it. Readers take whatever they find defensively:
 * on an open server nothing checks what a client wrote.
 */
export { TextIndex } from './text-index.js';

export interface CommentState {
  id: string;
  author: CommentAuthor;
  body: string;
  createdAt: number;
  editedAt?: number;
  isDeleted: boolean;
}

export interface ThreadState {
  id: string;
  /** The commented text now; "" once it is all deleted. */
  quote: string;
  /** The text when the thread was started. */
  originalQuote: string;
  resolved: boolean;
  createdAt: number;
  /** Offsets of the anchor in `TextIndex.text`; null once its text is gone (and did not come back). */
  from: number | null;
  to: number | null;
  comments: CommentState[];
  /** Positions of the words now: the stored anchor, or around the words where they came back. */
  start: Y.RelativePosition | null;
  end: Y.RelativePosition | null;
}

export function rootOf(doc: Y.Doc): Y.XmlText {
  return doc.get('root', Y.XmlText);
}

export function threadsMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(COMMENTS_TYPE);
}

/** A random id (works in pages served over plain HTTP, where `crypto.randomUUID` is missing). */
export function newCommentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte: number) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Every thread with at least one comment left, in document order (threads whose text is
 * gone last, oldest first).
 */
export function readThreads(doc: Y.Doc, index: TextIndex = new TextIndex(rootOf(doc))): ThreadState[] {
  const threads: ThreadState[] = [];
  for (const [id, value] of threadsMapOf(doc).entries()) {
    const thread = value instanceof Y.Map ? readThread(doc, index, id, value as Y.Map<unknown>) : null;
    if (thread !== null && thread.comments.some((comment) => !comment.isDeleted)) threads.push(thread);
  }
  return threads.sort(
    (a, b) =>
      (a.from ?? Infinity) - (b.from ?? Infinity) ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function readThread(doc: Y.Doc, index: TextIndex, id: string, thread: Y.Map<unknown>): ThreadState | null {
  const list = thread.get('comments');
  if (!(list instanceof Y.Array)) return null;
  const originalQuote = stringOr(thread.get('quote'), '');
  const anchor = anchorNow(doc, index, thread, originalQuote);
  return {
    id,
    quote:
      anchor.from === null || anchor.to === null
        ? ''
        : index.text.slice(anchor.from, anchor.to).replace(/^\n+|\n+$/g, ''),
    originalQuote,
    resolved: thread.get('resolved') === true,
    createdAt: numberOr(thread.get('createdAt'), 0),
    ...anchor,
    comments: (list.toArray() as unknown[]).flatMap((comment) => readComment(comment)),
  };
}

/** Where the thread's words are now: its anchor, or where its words came back (comment-recovery.ts). */
function anchorNow(
  doc: Y.Doc,
  index: TextIndex,
  thread: Y.Map<unknown>,
  originalQuote: string,
): Pick<ThreadState, 'from' | 'to' | 'start' | 'end'> {
  const start = decodePosition(thread.get('start'));
  const end = decodePosition(thread.get('end'));
  const from = offsetOf(doc, index, start);
  const to = offsetOf(doc, index, end);
  if (from !== null && to !== null && to > from) return { from, to, start, end };
  const found = recoverAnchor(doc, index, start, originalQuote);
  const moved = found && index.anchorOf(found.from, found.to);
  if (!found || !moved) return { from: null, to: null, start, end };
  return { ...found, ...moved };
}

function readComment(value: unknown): CommentState[] {
  if (!(value instanceof Y.Map)) return [];
  const comment = value as Y.Map<unknown>;
  const author = comment.get('author') as Partial<CommentAuthor> | undefined;
  const editedAt = comment.get('editedAt');
  return [
    {
      id: stringOr(comment.get('id'), ''),
      author: { sub: stringOr(author?.sub, ''), name: stringOr(author?.name, '') },
      body: stringOr(comment.get('body'), ''),
      createdAt: numberOr(comment.get('createdAt'), 0),
      ...(typeof editedAt === 'number' ? { editedAt } : {}),
      isDeleted: comment.get('deleted') === true,
    },
  ];
}

/** The thread as the HTTP API shows it (SPEC: Comments). */
export function toThreadView(thread: ThreadState): ThreadView {
  return {
    id: thread.id,
    quote: thread.quote,
    resolved: thread.resolved,
    comments: thread.comments
      .filter((comment) => !comment.isDeleted)
      .map((comment) => ({
        id: comment.id,
        author: comment.author,
        body: comment.body,
        createdAt: new Date(comment.createdAt).toISOString(),
        ...(comment.editedAt !== undefined ? { editedAt: new Date(comment.editedAt).toISOString() } : {}),
      })),
  };
}

function decodePosition(value: unknown): Y.RelativePosition | null {
  if (!(value instanceof Uint8Array)) return null;
  try {
    return Y.decodeRelativePosition(value);
  } catch {
    return null;
  }
}

function offsetOf(doc: Y.Doc, index: TextIndex, position: Y.RelativePosition | null): number | null {
  const absolute = position === null ? null : Y.createAbsolutePositionFromRelativePosition(position, doc);
  return absolute === null ? null : index.offsetOf(absolute);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export * from './comment-changes.js';
