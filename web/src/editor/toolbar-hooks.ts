import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { CAN_REDO_COMMAND, CAN_UNDO_COMMAND, COMMAND_PRIORITY_LOW, mergeRegister } from 'lexical';
import { useEffect, useState } from 'react';
import { $readToolbarState, EMPTY_TOOLBAR_STATE, type ToolbarState } from './toolbar-state.js';

export interface ToolbarStatus {
  state: ToolbarState;
  canUndo: boolean;
  canRedo: boolean;
  /** False while the document loads and for read-only editors: every button is disabled. */
  isEditable: boolean;
}

/** Follows the selection, the undo stack and whether the editor accepts edits. */
export function useToolbarStatus(): ToolbarStatus {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(EMPTY_TOOLBAR_STATE);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [isEditable, setIsEditable] = useState(() => editor.isEditable());
  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          setState(editorState.read($readToolbarState, { editor }));
        }),
        editor.registerEditableListener(setIsEditable),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (payload) => {
            setCanUndo(payload);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (payload) => {
            setCanRedo(payload);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );
  return { state, canUndo, canRedo, isEditable };
}
