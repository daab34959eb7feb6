import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode } from 'lexical';
import { openHeadlessSession } from '../src/content/headless.js';
import { checkUpdateStructure } from '../src/protocol/update-structure.js';

/**
 * Issue 19 (fuzz seed 32 at 48 steps): someone offline types into an empty block that another
 * person deleted meanwhile. The server has collected the deleted block (its content is gone),
 * and Yjs drops what lands in it; the update is the editor's own, so it is accepted, not
 * refused (1003) on every reconnect, which kept everything else the person wrote offline from
 * everyone.
 */
describe('an update writing into a block deleted and collected since', () => {
  it('is accepted, and the rest of the update lands', () => {
    const online = openHeadlessSession();
    const edit = (session: typeof online, change: () => void): void =>
      session.editor.update(change, { discrete: true });
    edit(online, () =>
      $getRoot().append($createParagraphNode(), $createParagraphNode().append($createTextNode('kept'))),
    );
    const offline = openHeadlessSession();
    Y.applyUpdate(offline.doc, Y.encodeStateAsUpdate(online.doc));
    offline.editor.read(() => undefined);

    edit(online, () => $getRoot().getFirstChildOrThrow().remove());
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(online.doc));
    edit(offline, () => {
      $getRoot().getFirstChildOrThrow<ElementNode>().append($createTextNode('late'));
      $getRoot().getLastChildOrThrow<ElementNode>().append($createTextNode(' words'));
    });

    const update = Y.diffUpdate(Y.encodeStateAsUpdate(offline.doc), Y.encodeStateVector(server));
    expect(() => checkUpdateStructure(update, server)).not.toThrow();
    Y.applyUpdate(server, update);
    const reader = openHeadlessSession();
    Y.applyUpdate(reader.doc, Y.encodeStateAsUpdate(server));
    expect(reader.editor.read(() => $getRoot().getTextContent())).toBe('kept words');
  });
});
