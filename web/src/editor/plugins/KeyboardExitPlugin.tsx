/**
 * Ways out of the document by keyboard (issue 19, WCAG 2.1.2). Tab indents inside the
 * editor, so on its own it never leaves: Escape and then Tab (or Shift+Tab) moves focus
 * on as it does everywhere else, and Alt+F10 goes to the formatting toolbar.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $addUpdateTag,
  BLUR_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  KEY_DOWN_COMMAND,
  KEY_TAB_COMMAND,
  SELECTION_CHANGE_COMMAND,
  SKIP_DOM_SELECTION_TAG,
  mergeRegister,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

function toolbarOf(editor: LexicalEditor): Element | null | undefined {
  return editor.getRootElement()?.closest('.q-editor')?.querySelector('[role="toolbar"]');
}

function focusToolbar(editor: LexicalEditor): boolean {
  const toolbar = toolbarOf(editor);
  // The roving stop, or the first working button if the stop was just disabled (Undo with nothing left).
  const stop =
    toolbar?.querySelector<HTMLElement>('[tabindex="0"]:not(:disabled)') ??
    toolbar?.querySelector<HTMLElement>('button:not(:disabled)');
  if (stop === null || stop === undefined) return false;
  // This runs inside the update of the key press. Lexical would put the selection back into
  // the page when that update commits, taking the focus back to the document; the selection
  // itself stays, for the toolbar's buttons to act on.
  $addUpdateTag(SKIP_DOM_SELECTION_TAG);
  stop.focus();
  return true;
}

export function KeyboardExitPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let isLeaving = false;
    return mergeRegister(
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (event.key === 'F10' && event.altKey && focusToolbar(editor)) {
            event.preventDefault();
            return true;
          }
          if (event.key === 'Escape') isLeaving = true;
          else if (event.key !== 'Tab' && !MODIFIER_KEYS.has(event.key)) isLeaving = false;
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      // While the toolbar has the focus, the document's selection stays where it is (for the
      // buttons to act on) without being put back into the page, which would take the focus.
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          if (toolbarOf(editor)?.contains(document.activeElement)) $addUpdateTag(SKIP_DOM_SELECTION_TAG);
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      // Handled without preventDefault: the browser moves focus as for any Tab.
      editor.registerCommand(KEY_TAB_COMMAND, () => isLeaving, COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(
        BLUR_COMMAND,
        () => {
          isLeaving = false;
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
    );
  }, [editor]);
  return null;
}
