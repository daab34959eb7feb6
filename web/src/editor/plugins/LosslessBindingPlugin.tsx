/**
 * Keeps everyone's text through concurrent and offline edits (issue 19): installs the
 * fixes in editor/binding/lossless-binding.ts on the collaboration binding, keeps one copy of
 * a block moved by two people at once (editor/binding/concurrent-moves.ts) and scopes undo to
 * one's own content (editor/binding/undo-scope.ts), never restoring a property the node's
 * current type lacks (editor/binding/undo-stray-properties.ts). Render it before the CollaborationPlugin: the
 * undo scope must be in place before that plugin builds its undo manager.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { XmlText, type Doc, type Transaction } from 'yjs';
import { followOwnCaret } from '../binding/caret-follow.js';
import { keepOneCopyOfLinks } from '../binding/concurrent-links.js';
import { keepOneCopyOfMoves } from '../binding/concurrent-moves.js';
import { installLosslessBinding } from '../binding/lossless-binding.js';
import { keepMovedAwayText } from '../binding/moved-text-rescue.js';
import { recordOwnText } from '../binding/own-text.js';
import { sessionMemory } from '../binding/remembered-moves.js';
import { scopeUndoToOwnContent } from '../binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../binding/undo-stray-properties.js';
import { keepRemoteChangesUntransformed } from '../binding/untransformed-remote.js';

export function LosslessBindingPlugin({ doc, docName }: { doc: Doc; docName: string }): null {
  const [editor] = useLexicalComposerContext();
  scopeUndoToOwnContent();
  dropStrayPropertiesOnUndo();
  useEffect(() => followOwnCaret(editor), [editor]);
  useEffect(() => keepRemoteChangesUntransformed(editor), [editor]);
  useEffect(() => keepMovedAwayText(doc), [doc]);
  // The tab's session storage keeps one's open moves past a reload (binding/remembered-moves.ts).
  useEffect(() => keepOneCopyOfMoves(doc, undefined, sessionMemory(docName)), [doc, docName]);
  useEffect(() => keepOneCopyOfLinks(doc), [doc]);
  useEffect(() => recordOwnText(doc), [doc]);
  useEffect(() => {
    const root = doc.get('root', XmlText);
    if (installLosslessBinding(root)) return undefined;
    // The binding writes its first local edit in a transaction: install just before it.
    const onTransaction = (_tr: Transaction): void => {
      if (installLosslessBinding(root)) doc.off('beforeTransaction', onTransaction);
    };
    doc.on('beforeTransaction', onTransaction);
    return () => doc.off('beforeTransaction', onTransaction);
  }, [doc]);
  return null;
}
