/**
 * Words typed after a tab into a moved block stay (issue 19; editor/binding/node-pieces.ts).
 * One's own characters in a copy that gives way (given-way.ts), or in a block someone moved
 * unseen (moved-text-rescue.ts), are written again into the mover's copy as pieces. Own
 * characters of several text nodes in a row made one piece in the first one's node: a tab
 * and the italic words typed after it became one tab node, which shows only its tab, and the
 * words were gone (the seeded fuzz, seed 24 at 48 steps: seven words typed after a tab lost
 * when the offline person's copy of the paragraph won). Client ids are fixed, so which move wins is known.
 */
import { $insertList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  $isTextNode,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { exchange, headlessText, movingPerson, settle, type Person } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

const line = (): void => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));

const toList = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $insertList('bullet');
  });

/** Types, at the end of the block, a tab and then italic words, then bold ones. */
const typeAfterTab = (editor: LexicalEditor): void =>
  run(editor, () => {
    const last = $getRoot().getLastDescendant<TextNode>()!;
    last.insertAfter($createTabNode());
    $getRoot()
      .getLastDescendant()!
      .insertAfter($createTextNode(' carol typed').toggleFormat('italic'))
      .insertAfter($createTextNode(' more').toggleFormat('bold'));
  });

async function mergeAll(people: Person[]): Promise<string[]> {
  for (let round = 0; round < 4; round++) {
    for (const [i, one] of people.entries()) {
      for (const other of people.slice(i + 1)) exchange(one.doc, other.doc);
    }
    for (const { editor } of people) editor.read(() => undefined);
    await settle();
  }
  return people.map(({ editor }) => headlessText(editor));
}

/** The formats of the text nodes holding each of `words`. */
const formatsOf = (editor: LexicalEditor): string[] =>
  editor.read(() =>
    $getRoot()
      .getAllTextNodes()
      .filter($isTextNode)
      .map((node) => `${node.getType()}:${node.getFormat()}:${node.getTextContent()}`),
  );

describe('words typed after a tab into a moved block', () => {
  it('stay when the copy they were typed into gives way, read by their offline author', async () => {
    // Grace (client 2) wins over Ada (client 1): Ada's copy gives way; Carol meets it later.
    const [ada, grace, carol] = [movingPerson(1), movingPerson(2), movingPerson(3)];
    run(ada.editor, line);
    await mergeAll([ada, grace, carol]);
    toList(ada.editor);
    exchange(ada.doc, carol.doc);
    carol.editor.read(() => undefined);
    await settle();
    typeAfterTab(carol.editor);
    exchange(ada.doc, carol.doc);
    await settle();
    // Carol goes offline; Grace's move of the paragraph wins over Ada's.
    toList(grace.editor);
    await mergeAll([ada, grace]);
    const texts = await mergeAll([ada, grace, carol]);
    for (const text of texts) expect(text).toBe('alpha beta\t carol typed more');
    expect(formatsOf(carol.editor)).toEqual(['text:0:alpha beta', 'tab:0:\t', 'text:2: carol typed', 'text:1: more']);
  });

  it('stay when typed into a block someone moved unseen', async () => {
    const [ada, carol] = [movingPerson(1), movingPerson(3)];
    run(ada.editor, line);
    await mergeAll([ada, carol]);
    toList(ada.editor);
    typeAfterTab(carol.editor);
    const texts = await mergeAll([ada, carol]);
    for (const text of texts) expect(text).toBe('alpha beta\t carol typed more');
    expect(formatsOf(ada.editor)).toEqual(['text:0:alpha beta', 'tab:0:\t', 'text:2: carol typed', 'text:1: more']);
  });
});
