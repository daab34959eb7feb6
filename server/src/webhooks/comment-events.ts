import * as Y from 'yjs';
import { COMMENTS_TYPE } from '@quire/shared';
import type { CommentCreatedData } from './events.js';

/**
 * Reports each comment added to a loaded document (SPEC: Webhooks, `comment.created`),
 * whichever path it came by: an editor's update over either transport, or the REST API.
 * `isLocal` says which transactions this instance made (another instance reports its own).
 * A new thread arrives as one entry of the threads map, with its first comment inside; a
 * reply as a new entry of a thread's `comments` array.
 */
export function watchNewComments(
  doc: Y.Doc,
  isLocal: (origin: unknown) => boolean,
  report: (data: CommentCreatedData) => void,
): void {
  const threads = doc.getMap(COMMENTS_TYPE);
  threads.observeDeep((events, transaction) => {
    if (!isLocal(transaction.origin)) return;
    for (const event of events) {
      if (event.target === threads) {
        for (const [threadId, change] of event.changes.keys) {
          const thread = threads.get(threadId);
          if (change.action !== 'add' || !(thread instanceof Y.Map)) continue;
          const comments: unknown = thread.get('comments');
          if (comments instanceof Y.Array) reportAll(threadId, comments.toArray(), report);
        }
      } else if (event.target instanceof Y.Array && event.path.length === 2 && event.path[1] === 'comments') {
        const added = [...event.changes.added].flatMap((item) => item.content.getContent());
        reportAll(String(event.path[0]), added, report);
      }
    }
  });
}

/**
 * Read once the change that carried the comments is over: the server shows a comment
 * written under another name with the token's (`relabelComments`) right after applying it,
 * and the event carries that name, never the one the client wrote.
 */
function reportAll(threadId: string, entries: unknown[], report: (data: CommentCreatedData) => void): void {
  queueMicrotask(() => reportNow(threadId, entries, report));
}

function reportNow(threadId: string, entries: unknown[], report: (data: CommentCreatedData) => void): void {
  for (const entry of entries) {
    if (!(entry instanceof Y.Map)) continue;
    const author: unknown = entry.get('author');
    const { sub, name } = (author ?? {}) as { sub?: unknown; name?: unknown };
    report({
      threadId,
      commentId: String(entry.get('id')),
      author: { sub: typeof sub === 'string' ? sub : '', ...(typeof name === 'string' ? { name } : {}) },
      body: String(entry.get('body') ?? ''),
    });
  }
}
