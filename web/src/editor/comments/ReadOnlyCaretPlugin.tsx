import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $hasUpdateTag, $isTextNode, COLLABORATION_TAG, HISTORIC_TAG, TextNode, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';

/**
 * Read-only text that still has a caret (SPEC: Access, Web: every action works from the
 * keyboard). Readers and commenters move through the text and select it with the keyboard
 * (Shift+arrows, Ctrl+A…) to comment on it, so their page keeps `contenteditable` while
 * Lexical itself is read-only and handles no input. Nothing they type may change the text:
 * the server refuses their edits, and a page that kept one would no longer match the
 * document. So, while the editor is not editable:
 * - every `beforeinput` (typing, Enter, deleting, pasting, dropping, formatting, undo) and
 *   every paste, cut and drop is cancelled before the browser changes the page;
 * - a composition (IME, dead keys), which the browser does not let a page cancel, is ended
 *   at once by taking the text's editability away for a moment;
 * - if a change still reached the page's text, Lexical's mutation handling would turn it
 *   into a text change: a transform puts each such text back as it was, so nothing is sent.
 */
const CANCELLED_EVENTS = ['beforeinput', 'paste', 'cut', 'drop'] as const;

export function ReadOnlyCaretPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const stopTextChanges = editor.registerNodeTransform(TextNode, (node) => keepText(editor, node));
    const stopRoot = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('compositionstart', endComposition, true);
      for (const name of CANCELLED_EVENTS) previous?.removeEventListener(name, cancel, true);
      root?.addEventListener('compositionstart', endComposition, true);
      for (const name of CANCELLED_EVENTS) root?.addEventListener(name, cancel, true);
    });
    function cancel(event: Event): void {
      if (!editor.isEditable()) event.preventDefault();
    }
    function endComposition(event: Event): void {
      const root = event.currentTarget;
      if (editor.isEditable() || !(root instanceof HTMLElement)) return;
      root.contentEditable = 'false';
      root.contentEditable = 'true';
      root.focus({ preventScroll: true });
    }
    return () => {
      stopTextChanges();
      stopRoot();
    };
  }, [editor]);
  return null;
}

/** Puts back a text the page changed on its own (not the binding, which brings others' edits). */
function keepText(editor: LexicalEditor, node: TextNode): void {
  if (editor.isEditable() || $hasUpdateTag(COLLABORATION_TAG) || $hasUpdateTag(HISTORIC_TAG)) return;
  const before = editor.getEditorState()._nodeMap.get(node.getKey());
  if ($isTextNode(before) && before.getTextContent() !== node.getTextContent()) {
    node.setTextContent(before.getTextContent());
  }
}
