/**
 * Keyboard model of the formatting toolbar (WAI-ARIA toolbar pattern, issue 19): one Tab
 * stop, the button last used (or the first one that works); Arrow Left/Right move to the
 * previous/next enabled button, wrapping; Home/End to the first/last; Escape hands focus
 * back to the document. Enter and Space press the focused button as on any button.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $addUpdateTag, SKIP_DOM_SELECTION_TAG, type LexicalEditor } from 'lexical';
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { ToolbarButtonName } from './toolbar-buttons.js';

const TOOL_ATTRIBUTE = 'data-tool';

export interface RovingFocus {
  /** The one button that Tab reaches. */
  tabStop: ToolbarButtonName | null;
  onFocusTool(name: ToolbarButtonName): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  /** The toolbar element. */
  ref: RefObject<HTMLDivElement | null>;
}

function nextIndex(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * A focused button that gets disabled under the focus (Undo with nothing left to undo)
 * drops it on the page: it moves on to the first button that works, else the document.
 */
function keepFocusIn(toolbar: HTMLElement, event: FocusEvent, focusDocument: () => void): void {
  const target = event.target;
  if (event.relatedTarget !== null || !(target instanceof HTMLButtonElement) || !target.disabled) return;
  // After the browser has finished moving the focus off the button to the page.
  setTimeout(() => {
    const next = toolbar.querySelector<HTMLElement>(`[${TOOL_ATTRIBUTE}]:not(:disabled)`);
    if (next === null) focusDocument();
    else next.focus();
  });
}

/** `enabled`: the buttons that can be pressed now, in toolbar order. */
export function useRovingFocus(enabled: readonly ToolbarButtonName[]): RovingFocus {
  const [editor] = useLexicalComposerContext();
  const [lastUsed, setLastUsed] = useState<ToolbarButtonName | null>(null);
  const tabStop = lastUsed !== null && enabled.includes(lastUsed) ? lastUsed : (enabled[0] ?? null);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const target = event.target as HTMLElement;
    // Keys typed in the link field are the field's own.
    const name = target.getAttribute(TOOL_ATTRIBUTE) as ToolbarButtonName | null;
    if (name === null) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      editor.focus();
      return;
    }
    const index = nextIndex(event.key, Math.max(enabled.indexOf(name), 0), enabled.length);
    const next = index === null ? undefined : enabled[index];
    if (next === undefined) return;
    event.preventDefault();
    setLastUsed(next);
    event.currentTarget.querySelector<HTMLElement>(`[${TOOL_ATTRIBUTE}="${next}"]`)?.focus();
  };
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const toolbar = ref.current;
    if (toolbar === null) return undefined;
    const onFocusOut = (event: FocusEvent): void => keepFocusIn(toolbar, event, () => editor.focus());
    // Native and capturing: this focusout does not reach React's handlers.
    toolbar.addEventListener('focusout', onFocusOut, true);
    return () => toolbar.removeEventListener('focusout', onFocusOut, true);
  }, [editor]);
  return { tabStop, onFocusTool: setLastUsed, onKeyDown, ref };
}

export function toolAttributes(name: ToolbarButtonName): Record<typeof TOOL_ATTRIBUTE, string> {
  return { [TOOL_ATTRIBUTE]: name };
}

/**
 * Runs a button's action. Pressed by keyboard, the button keeps the focus: the document's
 * selection changes without the document taking the focus back. (A mouse press never
 * moves focus out of the document, and there the caret follows the change as usual.)
 */
export function runFromToolbar(editor: LexicalEditor, action: () => void): void {
  const root = editor.getRootElement();
  if (root === null || root.contains(document.activeElement)) {
    action();
    return;
  }
  const button = document.activeElement;
  editor.update(() => {
    $addUpdateTag(SKIP_DOM_SELECTION_TAG);
    action();
  });
  // Undo and redo reach the document through Yjs, in updates of their own that place the
  // caret and so take the focus: hand it back once they are done, if the button still works.
  setTimeout(() => {
    if (button instanceof HTMLButtonElement && !button.disabled && root.contains(document.activeElement)) {
      button.focus();
    }
  });
}
