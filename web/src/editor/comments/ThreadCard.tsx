import { useState, type JSX } from 'react';
import type * as Y from 'yjs';
import type { CommentState, ThreadState } from '@quire/shared/comments';
import { changeComment, postReply, removeComment, resolveThread, type CommentsUser } from './comment-actions.js';
import { CommentForm } from './CommentForm.js';

/**
 * One thread in the comments panel: its quote (or that the text is gone), its comments,
 * a reply box, resolve/reopen, and edit/delete on one's own comments. Hovering or focusing
 * it highlights its text; selecting it scrolls the text into view.
 */
export interface ThreadCardProps {
  doc: Y.Doc;
  thread: ThreadState;
  user: CommentsUser;
  isActive: boolean;
  onActivate(id: string | null): void;
  onHover(id: string | null): void;
  cardRef?: (element: HTMLElement | null) => void;
}

export function ThreadCard({
  doc,
  thread,
  user,
  isActive,
  onActivate,
  onHover,
  cardRef,
}: ThreadCardProps): JSX.Element {
  const isOrphan = thread.from === null;
  const comments = thread.comments.filter((comment) => !comment.isDeleted);
  const quote = isOrphan ? thread.originalQuote : thread.quote;
  return (
    <article
      ref={cardRef}
      className={`q-thread${isActive ? ' is-active' : ''}${isOrphan ? ' is-orphan' : ''}`}
      data-thread-id={thread.id}
      aria-label={`Comment thread on “${quote}”`}
      onMouseEnter={() => onHover(thread.id)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(thread.id)}
      onBlur={() => onHover(null)}
    >
      <ThreadQuote
        quote={quote}
        isOrphan={isOrphan}
        isActive={isActive}
        onClick={() => onActivate(isActive ? null : thread.id)}
      />
      <ol className="q-thread-comments">
        {comments.map((comment) => (
          <CommentItem key={comment.id} doc={doc} threadId={thread.id} comment={comment} user={user} />
        ))}
      </ol>
      {user.canComment && <ThreadActions doc={doc} thread={thread} user={user} />}
    </article>
  );
}

/** The thread's words (or the words it was on, marked): clicking selects the thread and shows its words. */
function ThreadQuote(props: { quote: string; isOrphan: boolean; isActive: boolean; onClick(): void }): JSX.Element {
  return (
    <button type="button" className="q-thread-quote" aria-pressed={props.isActive} onClick={props.onClick}>
      {props.isOrphan && <span className="q-thread-orphan">Text deleted: </span>}
      <q>{props.quote}</q>
    </button>
  );
}

/** Reply (open threads) and resolve or reopen, for people who may comment. */
function ThreadActions({ doc, thread, user }: { doc: Y.Doc; thread: ThreadState; user: CommentsUser }): JSX.Element {
  return (
    <div className="q-thread-actions">
      {!thread.resolved && (
        <CommentForm
          label="Reply"
          submitLabel="Reply"
          onSubmit={(body) => postReply(doc, thread.id, user.author, body)}
        />
      )}
      <button
        type="button"
        className="q-button q-button-small"
        onClick={() => resolveThread(doc, thread.id, !thread.resolved)}
      >
        {thread.resolved ? 'Reopen' : 'Resolve'}
      </button>
    </div>
  );
}

interface CommentItemProps {
  doc: Y.Doc;
  threadId: string;
  comment: CommentState;
  user: CommentsUser;
}

function CommentItem({ doc, threadId, comment, user }: CommentItemProps): JSX.Element {
  const [isEditing, setIsEditing] = useState(false);
  const isOwn = user.canComment && comment.author.sub === user.author.sub;
  return (
    <li className="q-comment">
      <div className="q-comment-meta">
        <span className="q-comment-author">{comment.author.name || comment.author.sub}</span>
        <time dateTime={new Date(comment.createdAt).toISOString()}>{formatTime(comment.createdAt)}</time>
        {comment.editedAt !== undefined && <span className="q-comment-edited">(edited)</span>}
      </div>
      {isEditing ? (
        <CommentForm
          label="Edit comment"
          submitLabel="Save"
          initial={comment.body}
          autoFocus
          onSubmit={(body) => {
            changeComment(doc, threadId, comment.id, body);
            setIsEditing(false);
          }}
          onCancel={() => setIsEditing(false)}
        />
      ) : (
        <p className="q-comment-body">{comment.body}</p>
      )}
      {isOwn && !isEditing && (
        <OwnCommentButtons
          onEdit={() => setIsEditing(true)}
          onDelete={() => removeComment(doc, threadId, comment.id)}
        />
      )}
    </li>
  );
}

function OwnCommentButtons({ onEdit, onDelete }: { onEdit(): void; onDelete(): void }): JSX.Element {
  return (
    <div className="q-comment-own">
      <button type="button" className="q-link-button" onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="q-link-button" onClick={onDelete}>
        Delete
      </button>
    </div>
  );
}

function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
