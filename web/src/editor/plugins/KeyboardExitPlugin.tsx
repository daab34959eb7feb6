/**
 * Ways out of the document by keyboard (issue 19, WCAG 2.1.2). Tab indents inside the
 * editor, so on its own it never leaves: Escape and then Tab (or Shift+Tab) moves focus
 * on as it does everywhere else, and Alt+F10 goes to the formatting toolbar.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  BLUR_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  KEY_DOWN_COMMAND,
  KEY_TAB_COMMAND,
  mergeRegister,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

function focusToolbar(editor: LexicalEditor): boolean {
  const toolbar = editor.getRootElement()?.closest('.q-editor')?.querySelector('[role="toolbar"]');
  // The roving stop, or the first working button if the stop was just disabled (Undo with nothing left).
  const stop =
    toolbar?.querySelector<HTMLElement>('[tabindex="0"]:not(:disabled)') ??
    toolbar?.querySelector<HTMLElement>('button:not(:disabled)');
  if (stop === null || stop === undefined) return false;
  // Let go of the document's selection first: a selection Lexical still holds would be put
  // back into the page by its next reconciliation, and that takes the focus back.
  editor.blur();
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
