/**
 * A text node a collaborator's change leaves empty (issue 19; editor/binding/emptied-text.ts).
 * An undo takes back only one's own characters, so undoing words typed into someone else's
 * text node leaves that node's start with nothing after it. Lexical drops the empty node on
 * every page, but `@lexical/yjs` kept its collab node, and the next remote change that put a
 * page's own caret back from its awareness state (`$syncLocalCursorPosition`) could point it
 * at that vanished node: Lexical error #20, and the page lost that change and every later one
 * (the tables pass of the editing fuzz, seed 5: after an undo emptied the first line, a rule
 * typed below an image never reached the page whose caret was beside the image).
 */
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exchange, headlessClient, headlessText, providerWithCaret, settle } from '../support/headless-clients.js';

/** The first block's shared text (a paragraph's Y.XmlText in the v1 document). */
const firstBlockText = (doc: Y.Doc): Y.XmlText => doc.get('root', Y.XmlText).toDelta()[0].insert as Y.XmlText;

function appendLine(editor: LexicalEditor, words: string): void {
  editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode(words))), { discrete: true });
}

describe('a text node emptied by a collaborator (issue 19)', () => {
  it("a page whose caret sits where the emptied node was still takes in everyone's later changes", async () => {
    const [adaDoc, graceDoc] = [new Y.Doc(), new Y.Doc()];
    const ada = headlessClient(adaDoc, true);
    // Grace's caret, as her awareness state keeps it: at the start of the first line.
    const grace = headlessClient(
      graceDoc,
      true,
      providerWithCaret(() => Y.createRelativePositionFromTypeIndex(firstBlockText(graceDoc), 0)),
    );
    appendLine(ada, 'typed');
    exchange(adaDoc, graceDoc);
    grace.update(() => $getRoot().getFirstChildOrThrow().selectStart(), { discrete: true });
    // An undo of the characters of the node, leaving its start (another person's): all a
    // receiving page sees is the characters going.
    adaDoc.transact(() => firstBlockText(adaDoc).delete(1, 'typed'.length));
    ada.read(() => undefined);
    exchange(adaDoc, graceDoc);
    grace.read(() => undefined);
    await settle();

    appendLine(ada, 'later words');
    expect(() => exchange(adaDoc, graceDoc, 2)).not.toThrow();
    for (const editor of [ada, grace]) editor.read(() => undefined);
    await settle();
    expect(headlessText(grace)).toBe(headlessText(ada));
    expect(headlessText(grace)).toContain('later words');
    grace.read(() => expect($isElementNode($getRoot().getFirstChild())).toBe(true));
  });
});
