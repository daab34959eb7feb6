/**
 * Two people indent one list item at once while a third types at its end (issue 19;
 * editor/binding/concurrent-moves.ts). The typist's words are written again into the first
 * mover's copy; when that move then loses to the other, its author deletes the copy, and
 * the typist's words in it must come along to the copy that stays. Client ids are fixed,
 * so which move wins is known; each order of delivery is tried.
 */
import { $isListItemNode, $createListItemNode, $createListNode } from '@lexical/list';
import { $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exchange, headlessText, movingPerson, settle, type Person } from '../support/headless-clients.js';
import { $textHolding } from '../support/headless-typing.js';

const person = movingPerson;

/** Sends `to` what `from` has and it lacks, and lets both editors take it in. */
async function send(from: Person, to: Person): Promise<void> {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'remote');
  for (const { editor } of [from, to]) editor.read(() => undefined);
  await settle();
}

async function syncAll(people: Person[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const from of people) for (const to of people) if (from !== to) await send(from, to);
  }
}

/** The list item holding `word` (not a wrapper of a nested list). */
function $itemWith(word: string) {
  return $textHolding(word).getParentOrThrow();
}

function indentBravo({ editor }: Person): void {
  editor.update(
    () => {
      const item = $itemWith('bravo');
      if ($isListItemNode(item)) item.setIndent(item.getIndent() + 1);
    },
    { discrete: true },
  );
}

function typeAfterBravo({ editor }: Person, text: string): void {
  editor.update(
    () => {
      const node = $getRoot()
        .getAllTextNodes()
        .filter((each) => each.getParentOrThrow().is($itemWith('bravo')))
        .pop()!;
      node.setTextContent(node.getTextContent() + text);
    },
    { discrete: true },
  );
}

async function threePeople(graceId: number): Promise<Person[]> {
  const people = [person(1), person(graceId), person(3)];
  people[0]!.editor.update(
    () => {
      const list = $createListNode('bullet');
      for (const word of ['alpha', 'bravo', 'charlie'])
        list.append($createListItemNode().append($createTextNode(word)));
      $getRoot().append(list);
    },
    { discrete: true },
  );
  exchange(people[0]!.doc, people[1]!.doc);
  exchange(people[0]!.doc, people[2]!.doc);
  for (const { editor } of people) editor.read(() => undefined);
  await settle();
  return people;
}

const ORDERS: Array<[string, Array<[number, number]>]> = [
  [
    'the typist sees the first move, the first mover the typing, then the other move',
    [
      [0, 2],
      [2, 0],
      [1, 0],
    ],
  ],
  [
    'the first mover sees the other move before the typing',
    [
      [0, 2],
      [1, 0],
      [2, 0],
    ],
  ],
  [
    'the typist sees both moves first',
    [
      [0, 2],
      [1, 2],
      [2, 0],
      [2, 1],
    ],
  ],
];

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('indenting one item at once while a third person types (%s’s move wins)', (_, graceId) => {
  it.each(ORDERS)('%s', async (_name, order) => {
    const people = await threePeople(graceId);
    const [ada, grace, cora] = people as [Person, Person, Person];
    indentBravo(ada);
    indentBravo(grace);
    typeAfterBravo(cora, ' rou');
    for (const [from, to] of order) await send(people[from]!, people[to]!);
    typeAfterBravo(cora, 'nd0');
    await syncAll(people);
    const texts = people.map(({ editor }) => headlessText(editor));
    for (const text of texts) {
      expect(text).toBe(texts[0]);
      for (const word of ['alpha', 'bravo', 'charlie', 'rou']) expect(text.split(word).length - 1, text).toBe(1);
    }
  });
});
