import { $createParagraphNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import { openHeadlessSession } from './headless.js';

/**
 * Seeds a brand-new document (SPEC: New documents; PITFALLS: client bootstrapping).
 * The server calls this once, before answering any client, for a document with nothing in
 * storage, so editors run with `shouldBootstrap={false}` and two people opening a new
 * document together can never both insert a first paragraph. A document created by a Yjs
 * update over HTTP is seeded after that update, and only if it brought no content.
 *
 * The content is produced the way the Lexical collaboration plugin would: a headless editor
 * with the shared node list commits one empty paragraph and the binding writes that commit
 * into the doc's `root` XmlText. Writing Yjs structures by hand would risk a shape the
 * client binding reads differently.
 */
export function seedNewDocument(doc: Y.Doc): void {
  // Created by a change that brought its own content (`POST /updates` of a whole document).
  if (doc.get('root', Y.XmlText).length > 0) return;
  const session = openHeadlessSession(doc);
  try {
    session.editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
  } finally {
    session.dispose();
  }
}
