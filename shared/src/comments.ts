/**
 * Comments (SPEC: Comments): the shape of comment threads in a document's Yjs state and in
 * the HTTP API, and their limits. Threads live in their own top-level `Y.Map` next to the
 * editor's `root`, so a comment never changes the text, the editor's undo (scoped to
 * `root`) never touches one, and exports (rendered from `root`) leave them out.
 *
 * `comments` (Y.Map): thread id → thread (Y.Map):
 * - `start`, `end`: Yjs relative positions (encoded) of the commented text's first character
 *   and of the position after its last one; they follow the text through every edit;
 * - `quote`: the text when the thread was started; `createdAt`: milliseconds since the epoch;
 * - `resolved`: boolean, the only thread field changed after creation (by anyone who may comment);
 * - `comments` (Y.Array): comment (Y.Map) `id`, `author` `{ sub, name }`, `body`, `createdAt`,
 *   and, once changed by their author, `editedAt` and `deleted` (a deleted comment keeps its
 *   place with an empty body; a thread whose comments are all deleted is no longer listed).
 */
export const COMMENTS_TYPE = 'comments';
export const THREAD_KEYS = ['start', 'end', 'quote', 'createdAt', 'resolved', 'comments'] as const;
export const COMMENT_KEYS = ['id', 'author', 'body', 'createdAt', 'editedAt', 'deleted'] as const;
/** Fields of a comment its author may change after posting it. */
export const EDITABLE_COMMENT_KEYS = ['body', 'editedAt', 'deleted'] as const;

/** Characters a comment's body may have. */
export const MAX_COMMENT_BODY_LENGTH = 10_000;
/** Characters of a quote (REST) and of a thread's stored quote. */
export const MAX_QUOTE_LENGTH = 10_000;
/** Threads one document may hold (resolved ones included). */
export const MAX_THREADS_PER_DOC = 1_000;
/** Comments one thread may hold (deleted ones included). */
export const MAX_COMMENTS_PER_THREAD = 500;
/** Characters of a thread or comment id. */
export const MAX_COMMENT_ID_LENGTH = 64;

export interface CommentAuthor {
  /** The token's `sub`; on an open server, a per-browser id. */
  sub: string;
  /** Shown next to the comment: the token's `name` (its `sub` without one), or the client's name. */
  name: string;
}

export interface CommentView {
  id: string;
  author: CommentAuthor;
  body: string;
  /** ISO 8601. */
  createdAt: string;
  editedAt?: string;
}

export interface ThreadView {
  id: string;
  /** The text the thread is anchored to now; "" once it is all deleted. */
  quote: string;
  resolved: boolean;
  comments: CommentView[];
}

export interface ThreadListResponse {
  threads: ThreadView[];
}

/** The name shown for a token's holder. */
export function displayNameOf(user: { sub: string; name?: string | undefined }): string {
  return user.name ?? user.sub;
}
