/**
 * Grace, offline, adds an item to a bulleted list; meanwhile Ada makes the list paragraphs again
 * (Ctrl+Shift+8 on it). When Grace comes back, her item's words are rescued (issue 19; fuzz
 * seed 2 at 48 steps; editor/binding/moved-text-rescue.ts). Her item followed the first item,
 * an element whose text Ada's paragraph copies, but that item is no link: her words must not
 * be written "after the link's copy", which put a text node straight into the document's root
 * (the server refused that update, 1003, so Grace never reconnected). They come back as a
 * paragraph of their own, once, on both pages.
 */
import { $insertList, $removeList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exchange, headlessText, movingPerson, settle, sortedWords, type Person } from '../support/headless-clients.js';

const run = (person: Person, change: () => void): void => person.editor.update(change, { discrete: true });

async function sync(people: Person[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    exchange(people[0]!.doc, people[1]!.doc);
    for (const person of people) person.editor.read(() => undefined);
    await settle();
  }
}

/** Whether every child of the document's root is a block (a shared type), as the server requires. */
const rootHoldsOnlyBlocks = (doc: Y.Doc): boolean =>
  (doc.get('root', Y.XmlText).toDelta() as { insert: unknown }[]).every(
    ({ insert }) => insert instanceof Y.XmlText || insert instanceof Y.XmlElement,
  );

describe.each([1, 3])(
  'an item added offline to a list someone made paragraphs again (Grace is client %i)',
  (graceId) => {
    it('keeps the item’s words once, in a paragraph, and the root holds only blocks', async () => {
      const [ada, grace] = [movingPerson(2), movingPerson(graceId)];
      run(ada, () => {
        $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));
        $getRoot().getFirstChildOrThrow().selectEnd();
        $insertList('bullet');
      });
      await sync([ada, grace]);

      run(grace, () => {
        $getRoot().getLastDescendant<TextNode>()!.selectEnd().insertParagraph();
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.insertText('gamma delta');
      });
      run(ada, () => {
        $getRoot().getFirstDescendant<TextNode>()!.selectEnd();
        $removeList();
      });
      await sync([ada, grace]);

      const [text, other] = [ada, grace].map((person) => headlessText(person.editor));
      expect(other).toBe(text);
      expect(sortedWords(text!)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
      expect(rootHoldsOnlyBlocks(ada.doc)).toBe(true);
      expect(rootHoldsOnlyBlocks(grace.doc)).toBe(true);
    });
  },
);
