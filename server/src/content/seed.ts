import { $createParagraphNode, $getRoot } from 'lexical';
import type * as Y from 'yjs';
import { openHeadlessSession } from './headless.js';

/**
 * Seeds a brand-new document (SPEC: New documents; PITFALLS: client bootstrapping).
 * The server calls this once, before answering any client, for a document with nothing in
 * storage, so editors run with `shouldBootstrap={false}` and two people opening a new
 * document together can never both insert a first paragraph.
 *
 * The content is produced the way the Lexical collaboration plugin would: a headless editor
 * with the shared node list commits one empty paragraph and the binding writes that commit
 * into the doc's `root` XmlText. Writing Yjs structures by hand would risk a shape the
 * client binding reads differently.
 */
export function seedNewDocument(doc: Y.Doc): void {
  const session = openHeadlessSession(doc);
  try {
    session.editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
  } finally {
    session.dispose();
  }
}
