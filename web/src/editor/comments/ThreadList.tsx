import { useLayoutEffect, useRef, type JSX, type RefObject } from 'react';
import type * as Y from 'yjs';
import type { ThreadState } from '@quire/shared/comments';
import type { CommentsUser } from './comment-actions.js';
import { ThreadCard } from './ThreadCard.js';

/**
 * Open threads in document order, each level with its text where there is room (pushed
 * down past the one above otherwise), then a "Resolved" section. Threads whose text was
 * deleted stay listed, marked. Below the text (narrow screens) they simply follow each other.
 */
const GAP_PX = 8;

export interface ThreadListProps {
  doc: Y.Doc;
  threads: ThreadState[];
  user: CommentsUser;
  ranges: Map<string, Range>;
  activeId: string | null;
  onActivate(id: string | null): void;
  onHover(id: string | null): void;
}

export function ThreadList(props: ThreadListProps): JSX.Element {
  const open = props.threads.filter((thread) => !thread.resolved);
  const resolved = props.threads.filter((thread) => thread.resolved);
  const listRef = useRef<HTMLDivElement>(null);
  const cards = useRef(new Map<string, HTMLElement>());
  useLevelCards(listRef, cards.current, open, props.ranges);
  const card = (thread: ThreadState): JSX.Element => (
    <ThreadCard
      key={thread.id}
      doc={props.doc}
      thread={thread}
      user={props.user}
      isActive={thread.id === props.activeId}
      onActivate={props.onActivate}
      onHover={props.onHover}
      cardRef={(element) => {
        if (element) cards.current.set(thread.id, element);
        else cards.current.delete(thread.id);
      }}
    />
  );
  return (
    <>
      <div className="q-thread-list" ref={listRef}>
        {open.length === 0 && <p className="q-comments-empty">No open comments.</p>}
        {open.map(card)}
      </div>
      {resolved.length > 0 && (
        <details className="q-comments-resolved">
          <summary>Resolved ({resolved.length})</summary>
          <div className="q-thread-list-resolved">{resolved.map(card)}</div>
        </details>
      )}
    </>
  );
}

/**
 * Moves each open thread's card level with its text, below the one above it. Every render:
 * a card's height changes with its reply box and edits, not only with the ranges. Where the
 * column is below the text (a narrow window, or a narrow embed) the cards simply follow.
 */
function useLevelCards(
  listRef: RefObject<HTMLDivElement | null>,
  cards: Map<string, HTMLElement>,
  open: ThreadState[],
  ranges: Map<string, Range>,
): void {
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list === null) return;
    const page = list.closest('.q-page');
    const isBelow = page !== null && getComputedStyle(page).flexDirection === 'column';
    const listTop = list.getBoundingClientRect().top;
    let y = 0;
    for (const thread of open) {
      const card = cards.get(thread.id);
      if (!card) continue;
      const range = ranges.get(thread.id);
      const desired = range && !isBelow ? range.getBoundingClientRect().top - listTop : 0;
      const margin = Math.max(y === 0 ? 0 : GAP_PX, desired - y);
      card.style.marginTop = `${margin}px`;
      y += margin + card.offsetHeight;
    }
  });
}
