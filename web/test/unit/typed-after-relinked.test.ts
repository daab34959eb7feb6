/**
 * Letters typed right after text a collaborator rewrote while linking a word (issue 19).
 * Linking "word" in "hello word m" splits the text node: the linker deletes "word m" and
 * writes "word" into the link and " m" after it. The typist, who had not seen the link yet,
 * typed "ore" after the old " m": Yjs leaves those letters where the old " m" was, before
 * the link, and the document read "hello oreword m".
 */
import { $isLinkNode, $toggleLink } from '@lexical/link';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { REWRITE_ORIGIN } from '../../src/editor/binding/typed-after-rewrite.js';
import { exchange, headlessClient, headlessText } from '../support/headless-clients.js';
import { typeAtEnd } from '../support/headless-typing.js';

/** Links `word` in the first text node of the document. */
function link(editor: LexicalEditor, word: string): void {
  editor.update(
    () => {
      const text = $getRoot().getFirstDescendant();
      if (!$isTextNode(text)) return;
      const start = text.getTextContent().indexOf(word);
      text.select(start, start + word.length);
      $toggleLink('https://example.com/');
    },
    { discrete: true },
  );
}

function client(id: number): [Y.Doc, LexicalEditor] {
  const doc = new Y.Doc();
  doc.clientID = id;
  keepMovedAwayText(doc);
  return [doc, headlessClient(doc, true)];
}

/** The text of the first block's link, as each person sees it. */
const linkText = (editor: LexicalEditor): string | undefined =>
  editor.read(() => {
    const block = $getRoot().getFirstChildOrThrow();
    return $isElementNode(block) ? block.getChildren().find($isLinkNode)?.getTextContent() : undefined;
  });

/**
 * Whether the update's characters each follow characters or a text node's map (deleted
 * ones too), as the server requires (server/src/protocol/update-structure.ts).
 */
function followsTextNodes(doc: Y.Doc, update: Uint8Array): boolean {
  return Y.decodeUpdate(update).structs.every((struct) => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return true;
    const left = struct.origin === null ? null : Y.getItem(doc.store, struct.origin);
    const content = left?.content;
    return (
      content instanceof Y.ContentString ||
      content instanceof Y.ContentDeleted ||
      (content instanceof Y.ContentType && content.type instanceof Y.Map)
    );
  });
}

/** The updates the typist's editor wrote to move their letters. */
function movesOf(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === REWRITE_ORIGIN) updates.push(update);
  });
  return updates;
}

/** Two people on "hello word", with the given client numbers (Yjs orders ties by them). */
function twoPeople(linker: number, typist: number): [Y.Doc, LexicalEditor, Y.Doc, LexicalEditor] {
  const [ada, a] = client(linker);
  const [grace, b] = client(typist);
  a.update(() => $getRoot().append($createParagraphNode().append($createTextNode('hello word'))), {
    discrete: true,
  });
  exchange(ada, grace);
  b.read(() => undefined);
  return [ada, a, grace, b];
}

/**
 * Both editors read "hello word more" with the link on "word"; the typist moved their letters
 * `moveCount` times, and every move passes the server's check.
 */
function expectWholeAfterLink(
  editors: LexicalEditor[],
  typistDoc: Y.Doc,
  moves: Uint8Array[],
  moveCount: number,
): void {
  for (const editor of editors) expect(headlessText(editor)).toBe('hello word more');
  for (const editor of editors) expect(linkText(editor)).toBe('word');
  for (const move of moves) expect(followsTextNodes(typistDoc, move)).toBe(true);
  expect(moves.length).toBe(moveCount);
}

describe('letters typed after text rewritten by a concurrent link (issue 19)', () => {
  for (const [linker, typist] of [
    [1, 2],
    [2, 1],
  ] as const) {
    it(`stay after the rewritten text, in whole words (linker ${linker}, typist ${typist})`, async () => {
      const [ada, a, grace, b] = twoPeople(linker, typist);
      const moves = movesOf(grace);
      typeAtEnd(b, ' m');
      exchange(ada, grace);
      a.read(() => undefined);
      link(a, 'word');
      typeAtEnd(b, 'ore');
      exchange(ada, grace);
      await Promise.resolve();
      exchange(ada, grace, 3);
      // The linker's " m" stays where it was (inline-split.ts): the letters after it need no move.
      expectWholeAfterLink([a, b], grace, moves, 0);
    });

    it(`a word typed unseen right after the linked word comes after the link (linker ${linker})`, async () => {
      const [ada, a, grace, b] = twoPeople(linker, typist);
      const moves = movesOf(grace);
      typeAtEnd(b, ' more');
      link(a, 'word');
      exchange(ada, grace);
      // The typist moves their letters once the link has arrived (only when their client id
      // is the lower one), then everyone hears of it.
      await Promise.resolve();
      exchange(ada, grace, 3);
      expectWholeAfterLink([a, b], grace, moves, linker < typist ? 0 : 1);
    });
  }
});
