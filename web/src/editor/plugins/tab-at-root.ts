/**
 * Tab with the caret on the document itself, not in a block, does nothing (issue 19). The
 * caret sits on the root between blocks when the block it was in went away under it (a
 * collaborator's change) or after a rule at the end; Lexical's Tab indentation then looks
 * for the caret's block, finds none and throws (Lexical error #4), and the page kept
 * throwing (the seeded fuzz, tables pass, seed 34 at 48 steps). Above that handler, this one
 * takes such a Tab and keeps the focus in the editor.
 */
import {
  $getSelection,
  $isRangeSelection,
  $isRootNode,
  COMMAND_PRIORITY_HIGH,
  KEY_TAB_COMMAND,
  type LexicalEditor,
} from 'lexical';

/** Whether the selection has an end on the root node. */
function $isOnRoot(): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return false;
  return $isRootNode(selection.anchor.getNode()) || $isRootNode(selection.focus.getNode());
}

export function registerTabAtRoot(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    KEY_TAB_COMMAND,
    (event) => {
      if (!$isOnRoot()) return false;
      event.preventDefault();
      return true;
    },
    COMMAND_PRIORITY_HIGH,
  );
}
