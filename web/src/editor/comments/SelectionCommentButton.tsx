import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor } from 'lexical';
import { useEffect, useState, type JSX } from 'react';
import { START_COMMENT_COMMAND } from './comment-actions.js';

/**
 * The small "Comment" button beside a selection in the text. It is an extra way in for
 * the pointer; the toolbar button and Ctrl+Alt+M do the same from the keyboard.
 */
export function SelectionCommentButton(): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const place = useSelectionEnd(editor);
  if (place === null) return null;
  return (
    <button
      type="button"
      className="q-button q-button-small q-selection-comment"
      style={{ top: place.top, left: place.left }}
      // Keep the selection: the comment is about it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => editor.dispatchCommand(START_COMMENT_COMMAND, undefined)}
      tabIndex={-1}
    >
      Comment
    </button>
  );
}

/** Where the page's selection in the text ends, in window coordinates; null without one. */
function useSelectionEnd(editor: LexicalEditor): { top: number; left: number } | null {
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  useEffect(() => {
    const update = (): void => {
      const range = selectedRangeIn(editor.getRootElement());
      if (range === null) return setPlace(null);
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      setPlace({ top: last.bottom + 4, left: Math.min(last.right, window.innerWidth - 100) });
    };
    document.addEventListener('selectionchange', update);
    // The button is placed in the window: it follows the text when the page scrolls.
    document.addEventListener('scroll', update, true);
    return () => {
      document.removeEventListener('selectionchange', update);
      document.removeEventListener('scroll', update, true);
    };
  }, [editor]);
  return place;
}

/** The selection, if it is inside `root` and holds some text. */
function selectedRangeIn(root: HTMLElement | null): Range | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !root) return null;
  const range = selection.getRangeAt(0);
  return root.contains(range.commonAncestorContainer) && range.toString().trim() !== '' ? range : null;
}
