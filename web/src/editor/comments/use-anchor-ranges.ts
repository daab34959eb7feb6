import { useEffect, useState } from 'react';
import type { LexicalEditor } from 'lexical';
import type * as Y from 'yjs';
import type { ThreadState } from '@quire/shared/comments';
import { rangeOfAnchor } from './anchors.js';

/**
 * Where each thread's text is on the page, redrawn whenever the text, the threads or the
 * window change. Highlights are drawn with the CSS Custom Highlight API over DOM ranges,
 * never written into the text; browsers without it show the panel without highlights.
 */
const HIGHLIGHT = 'q-comment';
const ACTIVE_HIGHLIGHT = 'q-comment-active';

export function useAnchorRanges(
  editor: LexicalEditor,
  doc: Y.Doc,
  threads: ThreadState[],
  activeIds: ReadonlySet<string>,
): Map<string, Range> {
  const [ranges, setRanges] = useState<Map<string, Range>>(new Map());
  useEffect(() => {
    let frame = 0;
    const measure = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const next = new Map<string, Range>();
        for (const thread of threads) {
          if (thread.resolved || thread.from === null) continue;
          const range = rangeOfAnchor(editor, doc, thread.start, thread.end);
          if (range !== null) next.set(thread.id, range);
        }
        setRanges(next);
      });
    };
    measure();
    const stopUpdates = editor.registerUpdateListener(measure);
    window.addEventListener('resize', measure);
    return () => {
      cancelAnimationFrame(frame);
      stopUpdates();
      window.removeEventListener('resize', measure);
    };
  }, [editor, doc, threads]);
  useHighlights(ranges, activeIds);
  return ranges;
}

/** Draws the highlights: every thread's words, and the active or hovered ones' more strongly. */
function useHighlights(ranges: Map<string, Range>, activeIds: ReadonlySet<string>): void {
  useEffect(() => {
    const highlights = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
    if (highlights === undefined || typeof Highlight === 'undefined') return undefined;
    const all = [...ranges.values()];
    const active = [...ranges].filter(([id]) => activeIds.has(id)).map(([, range]) => range);
    highlights.set(HIGHLIGHT, new Highlight(...all));
    highlights.set(ACTIVE_HIGHLIGHT, new Highlight(...active));
    return () => {
      highlights.delete(HIGHLIGHT);
      highlights.delete(ACTIVE_HIGHLIGHT);
    };
  }, [ranges, activeIds]);
}

/** The thread whose text is at a point on the page (the narrowest when they overlap). */
export function threadAtPoint(ranges: Map<string, Range>, x: number, y: number): string | null {
  const caret = document.caretRangeFromPoint?.(x, y);
  if (!caret) return null;
  let found: { id: string; length: number } | null = null;
  for (const [id, range] of ranges) {
    if (!range.isPointInRange(caret.startContainer, caret.startOffset)) continue;
    const length = range.toString().length;
    if (found === null || length < found.length) found = { id, length };
  }
  return found?.id ?? null;
}
