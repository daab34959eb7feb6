import type { JSX } from 'react';
import type * as Y from 'yjs';
import { useOpenThreadCount } from '../editor/comments/use-threads.js';

/** The number of open comment threads, in the header; it jumps to the comments. */
export function CommentCount({ doc }: { doc: Y.Doc }): JSX.Element {
  const count = useOpenThreadCount(doc);
  return (
    <a className="q-comment-count" href="#comments" aria-label={`${count} open comment${count === 1 ? '' : 's'}`}>
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path
          d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3 3v-3h-.5A1.5 1.5 0 0 1 2 9.5z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
          strokeLinejoin="round"
        />
      </svg>
      {count}
    </a>
  );
}
