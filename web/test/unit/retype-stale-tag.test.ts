/**
 * Concurrent in-place block type changes (issue #19; editor/binding/lossless-retype.ts,
 * undo-stray-properties.ts): one person makes a paragraph a heading and then a code block,
 * another does the same offline, a third makes it a quote, and the first undoes. Everyone
 * ends on one block type, with no property that type never has: the server refuses an
 * update writing one (undo restored the heading's `__tag` onto what had become a quote,
 * the fuzz's page was closed with 1003 and never converged: seed 1 with `code`).
 */
import { $createCodeNode } from '@lexical/code';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { isAllowedProperty } from '@quire/shared';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepOneCopyOfMoves } from '../../src/editor/binding/concurrent-moves.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { exchange, headlessClient, headlessText } from '../support/headless-clients.js';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const edit = (editor: LexicalEditor, change: () => void): void => editor.update(change, { discrete: true });

interface Person {
  doc: Y.Doc;
  editor: LexicalEditor;
}

function person(clientID: number): Person {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  keepMovedAwayText(doc);
  keepOneCopyOfMoves(doc);
  return { doc, editor: headlessClient(doc, true) };
}

async function syncAll(people: Person[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const a of people) for (const b of people) if (a !== b) exchange(a.doc, b.doc);
    for (const { editor } of people) editor.read(() => undefined);
    await settle();
  }
}

const retype = (editor: LexicalEditor, make: () => ElementNode): void =>
  edit(editor, () => {
    $getRoot().getFirstChild<ElementNode>()!.select();
    $setBlocksType($getSelection(), make);
  });
const heading = (): ElementNode => $createHeadingNode('h2');
const code = (): ElementNode => $createCodeNode();
const quote = (): ElementNode => $createQuoteNode();

/** Properties of a block's shared type that its `__type` never has (what the server refuses). */
function strayProperties(doc: Y.Doc): string[] {
  const stray: string[] = [];
  const visit = (type: Y.XmlText): void => {
    const attributes = type.getAttributes() as Record<string, unknown>;
    const kind = attributes.__type;
    for (const [key, value] of Object.entries(attributes)) {
      if (typeof kind !== 'string' || !key.startsWith('__') || key === '__state') continue;
      if (!isAllowedProperty(kind, key, value)) stray.push(`${kind}.${key}=${String(value)}`);
    }
    for (const op of type.toDelta() as { insert: unknown }[]) if (op.insert instanceof Y.XmlText) visit(op.insert);
  };
  visit(doc.get('root', Y.XmlText));
  return stray;
}

const blockTypes = (editor: LexicalEditor): string[] =>
  editor.read(() =>
    $getRoot()
      .getChildren()
      .map((node) => node.getType()),
  );

/** An undo manager like the editor's: it tracks the binding's writes (origin: the binding object). */
const undoManagerOf = ({ doc }: Person): Y.UndoManager =>
  new Y.UndoManager(doc.get('root', Y.XmlText), { trackedOrigins: new Set<unknown>([Object]), captureTimeout: 0 });

/** The updates `person` sends from now on, as the server would receive them. */
function outgoing({ doc }: Person): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') updates.push(update);
  });
  return updates;
}

/** Properties an update sets that the node's type (after the update) never has. */
function strayInUpdate(update: Uint8Array, base: Y.Doc): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  Y.applyUpdate(doc, update);
  return strayProperties(doc);
}

describe('concurrent block type changes of one paragraph', () => {
  scopeUndoToOwnContent();
  dropStrayPropertiesOnUndo();

  async function headingCodeQuoteThenUndo(): Promise<{ people: Person[]; sent: Uint8Array[]; before: Y.Doc }> {
    const people = [person(1), person(2), person(3)];
    const [ada, grace, cora] = people as [Person, Person, Person];
    edit(ada.editor, () => $getRoot().append($createParagraphNode().append($createTextNode('alpha beta'))));
    await syncAll(people);
    const undo = undoManagerOf(ada);
    retype(grace.editor, heading);
    retype(grace.editor, code);
    retype(ada.editor, heading);
    retype(ada.editor, code);
    await syncAll([ada, cora]);
    retype(cora.editor, quote);
    await syncAll([ada, cora]);
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(ada.doc));
    const sent = outgoing(ada);
    undo.undo();
    ada.editor.read(() => undefined);
    await syncAll(people);
    return { people, sent, before };
  }

  it("undoing one's retype after a collaborator's sends nothing the server refuses, and all converge", async () => {
    const { people, sent, before } = await headingCodeQuoteThenUndo();
    expect(sent.length).toBeGreaterThan(0);
    for (const update of sent) expect(strayInUpdate(update, before)).toEqual([]);
    for (const { doc } of people) expect(strayProperties(doc)).toEqual([]);
    const types = blockTypes(people[0]!.editor);
    for (const { editor } of people) expect(blockTypes(editor)).toEqual(types);
    for (const { editor } of people) expect(headlessText(editor)).toBe('alpha beta');
  });

  it('still undoes and redoes one’s own retype, with its properties', async () => {
    const ada = person(1);
    edit(ada.editor, () => $getRoot().append($createParagraphNode().append($createTextNode('alpha beta'))));
    const undo = undoManagerOf(ada);
    retype(ada.editor, heading);
    undo.undo();
    expect(blockTypes(ada.editor)).toEqual(['paragraph']);
    undo.redo();
    expect(ada.editor.read(() => $getRoot().getFirstChild()!.exportJSON())).toMatchObject({
      type: 'heading',
      tag: 'h2',
    });
    undo.undo();
    expect(blockTypes(ada.editor)).toEqual(['paragraph']);
    expect(strayProperties(ada.doc)).toEqual([]);
  });

  it('without undo end on one type everywhere, with the same text', async () => {
    const [ada, grace, cora] = [person(1), person(2), person(3)];
    edit(ada.editor, () => $getRoot().append($createParagraphNode().append($createTextNode('alpha beta'))));
    await syncAll([ada, grace, cora]);
    retype(grace.editor, heading);
    retype(grace.editor, code);
    retype(ada.editor, heading);
    await syncAll([ada, cora]);
    retype(ada.editor, code);
    retype(cora.editor, quote);
    await syncAll([ada, cora]);
    await syncAll([ada, grace, cora]);

    const types = blockTypes(ada.editor);
    expect(blockTypes(grace.editor)).toEqual(types);
    expect(blockTypes(cora.editor)).toEqual(types);
    for (const { editor } of [ada, grace, cora]) expect(headlessText(editor)).toBe('alpha beta');
  });
});
