import type { JSX } from 'react';
import type * as Y from 'yjs';
import { useOpenThreadCount } from '../editor/comments/use-threads.js';

/** The number of open comment threads, in the header; it jumps to the comments. */
export function CommentCount({ doc }: { doc: Y.Doc }): JSX.Element {
  const count = useOpenThreadCount(doc);
  return (
    <a className="q-comment-count" href="#comments" aria-label={`${count} open comment${count === 1 ? '' : 's'}`}>
      <span aria-hidden="true">💬</span> {count}
    </a>
  );
}
