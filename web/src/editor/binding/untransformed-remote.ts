/**
 * Blocks a collaborator's change brought in stay as the document has them (issue 19). The
 * binding reads a remote change into Lexical without node transforms: what a transform
 * changes there would never be written to Yjs, since the binding writes only local updates.
 * But a page tells its selection listeners that the caret moved just before it shows an
 * update, inside that update, and Lexical then runs the transforms it skipped over every
 * block the change touched. Two bulleted lists a collaborator's change left side by side
 * (two people made neighbouring lines lists at once) were merged into one on that page
 * only: words typed there into the second list never reached anyone, and later changes to
 * it were read into the wrong list again and again (editing fuzz, seed 104 at 48 steps).
 * So, when that notice joins a remote or undo update, the blocks it touched are no longer
 * offered to the transforms; the page's own edits still normalize them, and write it.
 */
import {
  $hasUpdateTag,
  COLLABORATION_TAG,
  COMMAND_PRIORITY_CRITICAL,
  HISTORIC_TAG,
  SELECTION_CHANGE_COMMAND,
  type LexicalEditor,
} from 'lexical';

/** Keeps transforms off the blocks remote and undo updates changed, on `editor`. */
export function keepRemoteChangesUntransformed(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    SELECTION_CHANGE_COMMAND,
    () => {
      if (!$hasUpdateTag(COLLABORATION_TAG) && !$hasUpdateTag(HISTORIC_TAG)) return false;
      const dirty = editor._dirtyElements;
      for (const key of dirty.keys()) if (key !== 'root') dirty.set(key, false);
      return false;
    },
    COMMAND_PRIORITY_CRITICAL,
  );
}
