/**
 * A block holding a link, moved by two people at once, ends up once (issue 19;
 * concurrent-moves.ts, moved-copy.ts). The text a mover saw runs through the link, which the
 * copy keeps as an element of its own: the copy was looked for in one element only, was not
 * found, the move was not noted, and both copies stayed.
 */
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode, $isListItemNode } from '@lexical/list';
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeTwo, movingPerson, settle, twoMovingPeople, type Person } from '../support/headless-clients.js';
import { toList } from '../support/headless-typing.js';

/** "see " [link "here"] " now" (italic) in `parent`. */
const linked = (parent: ElementNode): ElementNode =>
  parent.append(
    $createTextNode('see '),
    $createLinkNode('https://example.com/').append($createTextNode('here')),
    $createTextNode(' now').setFormat(2),
  );

const withLink = (): void => {
  $getRoot().append(linked($createParagraphNode()));
};

/** A list: "first", then an item with a link. */
const listWithLink = (): void => {
  const list = $createListNode('bullet').append($createListItemNode().append($createTextNode('first')));
  $getRoot().append(list.append(linked($createListItemNode())));
};

const indentSecond = (editor: LexicalEditor): void =>
  editor.update(
    () => {
      const item = $getRoot().getFirstChildOrThrow<ElementNode>().getChildAtIndex(1);
      if ($isListItemNode(item)) item.setIndent(item.getIndent() + 1);
    },
    { discrete: true },
  );

/** Each text node of the document as "text" + its format. */
const runs = (editor: LexicalEditor): string[] =>
  editor.read(() =>
    $getRoot()
      .getAllTextNodes()
      .map((node) => `${node.getTextContent()}|${node.getFormat()}`),
  );

/** Sends `to` what `from` has and it lacks, and lets both editors take it in. */
async function send(from: Person, to: Person): Promise<void> {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'remote');
  for (const { editor } of [from, to]) editor.read(() => undefined);
  await settle();
}

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('a block with a link two people move at once (%s’s move wins)', (_, graceId) => {
  it('is kept once when both make it a list item', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, withLink);
    toList(a);
    toList(b);
    for (const text of await mergeTwo(a, b, ada, grace)) expect(text).toBe('see here now');
  });

  it('is kept once when both indent the list item holding it', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, listWithLink);
    indentSecond(a);
    indentSecond(b);
    await mergeTwo(a, b, ada, grace);
    for (const editor of [a, b]) expect(runs(editor)).toEqual(['first|0', 'see |0', 'here|0', ' now|2']);
  });

  it('is kept once, with a third person’s letters typed after its link, italic', async () => {
    const people = [movingPerson(1), movingPerson(graceId), movingPerson(3)];
    const [ada, grace, cora] = people as [Person, Person, Person];
    ada.editor.update(listWithLink, { discrete: true });
    for (const other of [grace, cora]) await send(ada, other);
    indentSecond(ada.editor);
    indentSecond(grace.editor);
    cora.editor.update(
      () => {
        $getRoot()
          .getAllTextNodes()
          .find((node) => node.getTextContent() === ' now')!
          .spliceText(0, 0, 'Just', false);
      },
      { discrete: true },
    );
    for (const [from, to] of [
      [0, 2],
      [2, 0],
      [1, 0],
    ] as const)
      await send(people[from]!, people[to]!);
    for (let round = 0; round < 3; round++) {
      for (const from of people) for (const to of people) if (from !== to) await send(from, to);
    }
    for (const { editor } of people) expect(runs(editor)).toEqual(['first|0', 'see |0', 'here|0', 'Just now|2']);
  });
});
