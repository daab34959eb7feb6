/**
 * Letters keep their bold or italic when the binding moves them (issue 19): letters typed
 * into a block someone moves at the same moment (moved-text-rescue.ts, piece-places.ts), into
 * a copy that gives way to another's move of the same block (given-way.ts), or right after
 * text someone links at once (typed-after-rewrite.ts, dangling-text.ts). After a link, such
 * letters used to land before the link, in the text there, or in a plain text node.
 */
import { $createLinkNode, $toggleLink } from '@lexical/link';
import { $createListItemNode, $createListNode, $insertList, $isListItemNode } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import {
  exchange,
  headlessClient,
  mergeTwo,
  movingPerson,
  settle,
  twoMovingPeople,
  type Person,
} from '../support/headless-clients.js';

const [BOLD, ITALIC] = [1, 2];

/** Each text node of the document as "text" + its format: what a reader sees as bold or italic. */
const runs = (editor: LexicalEditor): string[] =>
  editor.read(() =>
    $getRoot()
      .getAllTextNodes()
      .map((node) => `${node.getTextContent()}|${node.getFormat()}`),
  );

/** "see " [link "here"] and, after the link, `after` (text and format). */
const withLink =
  (...after: Array<[string, number]>) =>
  (parent: ElementNode): ElementNode =>
    parent.append(
      $createTextNode('see '),
      $createLinkNode('https://example.com/').append($createTextNode('here')),
      ...after.map(([text, format]) => $createTextNode(text).setFormat(format)),
    );

function edit(editor: LexicalEditor, change: () => void): void {
  editor.update(change, { discrete: true });
}

/** Types `letters` at `offset` of the text node reading `text`. */
const typeInto = (editor: LexicalEditor, text: string, offset: number, letters: string): void =>
  edit(editor, () => {
    $getRoot()
      .getAllTextNodes()
      .find((node) => node.getTextContent() === text)!
      .spliceText(offset, 0, letters, false);
  });

const makeListItem = (editor: LexicalEditor): void =>
  edit(editor, () => {
    $getRoot().getFirstChildOrThrow().selectEnd();
    $insertList('bullet');
  });

describe('letters typed into a block someone moves at once keep their format', () => {
  it('bold letters typed at the start of the bold text after a link stay there, bold', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(2, () => {
      $getRoot().append(withLink([' bold', BOLD], [' tail', 0])($createParagraphNode()));
    });
    typeInto(b, ' bold', 0, 'Now');
    makeListItem(a);
    await mergeTwo(a, b, ada, grace);
    for (const editor of [a, b]) expect(runs(editor)).toEqual(['see |0', 'here|0', 'Now bold|1', ' tail|0']);
  });

  it('a bold word typed after a link at the end of the block stays after the link, bold', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(2, () => {
      $getRoot().append(withLink()($createParagraphNode()));
    });
    edit(b, () => ($getRoot().getFirstChildOrThrow() as ElementNode).append($createTextNode(' now').setFormat(BOLD)));
    makeListItem(a);
    await mergeTwo(a, b, ada, grace);
    for (const editor of [a, b]) expect(runs(editor)).toEqual(['see |0', 'here|0', ' now|1']);
  });

  it('a bold word typed after the only text of a block, a link, stays after the link in that block, bold', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(2, () => {
      $getRoot().append(
        $createParagraphNode().append($createLinkNode('https://example.com/').append($createTextNode('here'))),
      );
    });
    edit(b, () => ($getRoot().getFirstChildOrThrow() as ElementNode).append($createTextNode(' now').setFormat(BOLD)));
    makeListItem(a);
    for (const text of await mergeTwo(a, b, ada, grace)) expect(text).toBe('here now');
    for (const editor of [a, b]) expect(runs(editor)).toEqual(['here|0', ' now|1']);
  });
});

/** Sends `to` what `from` has and it lacks, and lets both editors take it in. */
async function send(from: Person, to: Person): Promise<void> {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'remote');
  for (const { editor } of [from, to]) editor.read(() => undefined);
  await settle();
}

const indentSecond = ({ editor }: Person): void =>
  edit(editor, () => {
    const item = $getRoot().getFirstChildOrThrow<ElementNode>().getChildAtIndex(1);
    if ($isListItemNode(item)) item.setIndent(item.getIndent() + 1);
  });

/** A list: "first", then an item holding `content`. */
const listWith = (content: (item: ElementNode) => ElementNode) => (): void => {
  const list = $createListNode('bullet').append($createListItemNode().append($createTextNode('first')));
  $getRoot().append(list.append(content($createListItemNode())));
};

describe('letters typed into a list item someone indents at once keep their format', () => {
  it('italic letters typed at the start of the italic text after a link stay there, italic', async () => {
    const [ada, grace] = [movingPerson(1), movingPerson(2)];
    edit(ada.editor, listWith(withLink([' italic', ITALIC])));
    await send(ada, grace);
    typeInto(grace.editor, ' italic', 0, 'Now');
    indentSecond(ada);
    await mergeTwo(ada.editor, grace.editor, ada.doc, grace.doc);
    for (const { editor } of [ada, grace])
      expect(runs(editor)).toEqual(['first|0', 'see |0', 'here|0', 'Now italic|2']);
  });
});

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('two people indent one item at once while a third types (%s’s move wins)', (_, graceId) => {
  it('letters typed at the start of its bold text end up once, bold', async () => {
    const people = [movingPerson(1), movingPerson(graceId), movingPerson(3)];
    const [ada, grace, cora] = people as [Person, Person, Person];
    edit(
      ada.editor,
      listWith((item) => item.append($createTextNode('see '), $createTextNode('bold').setFormat(BOLD))),
    );
    for (const other of [grace, cora]) await send(ada, other);
    indentSecond(ada);
    indentSecond(grace);
    typeInto(cora.editor, 'bold', 0, 'now ');
    // The typist sees the first move, its mover the typing, then everyone everything.
    for (const [from, to] of [
      [0, 2],
      [2, 0],
      [1, 0],
    ] as const)
      await send(people[from]!, people[to]!);
    for (let round = 0; round < 3; round++) {
      for (const from of people) for (const to of people) if (from !== to) await send(from, to);
    }
    for (const { editor } of people) expect(runs(editor)).toEqual(['first|0', 'see |0', 'now bold|1']);
  });
});

/** An editor that keeps letters moved by others' rewrites, with a fixed client id. */
function client(id: number): [Y.Doc, LexicalEditor] {
  const doc = new Y.Doc();
  doc.clientID = id;
  keepMovedAwayText(doc);
  return [doc, headlessClient(doc, true)];
}

describe('letters typed after a bold word someone links at once', () => {
  for (const [linker, typist] of [
    [1, 2],
    [2, 1],
  ] as const) {
    it(`stay bold after the link (linker ${linker}, typist ${typist})`, async () => {
      const [ada, a] = client(linker);
      const [grace, b] = client(typist);
      edit(a, () => $getRoot().append($createParagraphNode().append($createTextNode('hello word').setFormat(BOLD))));
      exchange(ada, grace);
      b.read(() => undefined);
      typeInto(b, 'hello word', 10, ' more');
      edit(a, () => {
        const text = $getRoot().getFirstDescendant();
        if ($isTextNode(text)) text.select(6, 10);
        $toggleLink('https://example.com/');
      });
      exchange(ada, grace);
      await Promise.resolve();
      exchange(ada, grace, 3);
      for (const editor of [a, b]) {
        editor.read(() => expect($isElementNode($getRoot().getFirstChild())).toBe(true));
        expect(runs(editor)).toEqual(['hello |1', 'word|1', ' more|1']);
      }
    });
  }
});
