import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';

/** Follows the `isEditable` prop after mount (LexicalComposer reads its config once). */
export function EditableStatePlugin({ isEditable }: { isEditable: boolean }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.setEditable(isEditable);
  }, [editor, isEditable]);
  return null;
}
