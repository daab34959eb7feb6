/**
 * Undo restores a text node's start before its characters (issue 19; editor/binding/
 * markers-first.ts). Seed 36 of the editing fuzz: someone made a line a list and undid it, in
 * a line where, after a link, one collaborator had started a text node and another typed into
 * it. The undo manager writes the deleted line back client by client, so the second
 * collaborator's characters were written before the first's text node start, right after the
 * link: the server refused the update (1003 "characters outside a text node") and the page
 * showed "Changes refused" and never synced again. Built here from Yjs alone, shaped as
 * `@lexical/yjs` stores a line: a block's shared text holds a map for each text node's start,
 * then its characters; a link is a shared text of its own.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

const ORIGIN = 'ada';

function textStart(): Y.Map<unknown> {
  const start = new Y.Map<unknown>();
  for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 })) {
    start.set(key, value);
  }
  return start;
}

function block(type: string): Y.XmlText {
  const text = new Y.XmlText();
  text.setAttribute('__type', type);
  return text;
}

function sync(from: Y.Doc, ...to: Y.Doc[]): void {
  for (const doc of to) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from, Y.encodeStateVector(doc)));
}

const root = (doc: Y.Doc): Y.XmlText => doc.get('root', Y.XmlText);
const lineOf = (doc: Y.Doc): Y.XmlText => root(doc).toDelta()[0].insert as Y.XmlText;

/** Grace writes "one ", Linus links "w" after it, Mae starts " x" after the link, Linus types " y" at its start. */
function lineAfterALink(grace: Y.Doc, linus: Y.Doc, mae: Y.Doc): void {
  const line = block('paragraph');
  root(grace).insertEmbed(0, line);
  line.insertEmbed(0, textStart());
  line.insert(1, 'one ');
  sync(grace, linus, mae);
  const link = block('link');
  lineOf(linus).insertEmbed(5, link);
  link.insertEmbed(0, textStart());
  link.insert(1, 'w');
  sync(linus, grace, mae);
  lineOf(mae).insertEmbed(6, textStart());
  lineOf(mae).insert(7, ' x');
  sync(mae, grace, linus);
  lineOf(linus).insert(7, ' y');
  sync(linus, grace, mae);
}

/** Characters in `update` stored right after a node that is not a text node's start. */
function charactersAfterElements(update: Uint8Array, doc: Y.Doc): string[] {
  const found: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString) || struct.origin === null) continue;
    const left = Y.getItem(doc.store, struct.origin) as Y.Item;
    const isElement = left.content instanceof Y.ContentType && !(left.content.type instanceof Y.Map);
    if (isElement && !left.deleted) found.push(struct.content.str);
  }
  return found;
}

/** What a line reads as, a link in brackets. */
function read(line: Y.XmlText): string {
  return line
    .toDelta()
    .map((part: { insert: unknown }) =>
      typeof part.insert === 'string' ? part.insert : part.insert instanceof Y.XmlText ? `[${read(part.insert)}]` : '',
    )
    .join('');
}

describe('undo restores a text node start before its characters', () => {
  it.each([
    [1, 2, 3, 4],
    [4, 3, 2, 1],
  ])('undoing a list made of a line with a link sends nothing the server refuses (ids %i %i %i %i)', (...ids) => {
    const [grace, linus, mae, ada] = ids.map((id) => {
      const doc = new Y.Doc();
      doc.clientID = id;
      return doc;
    });
    lineAfterALink(grace!, linus!, mae!);
    sync(grace!, ada!);
    expect(read(lineOf(ada!))).toBe('one [w] y x');
    const undo = new Y.UndoManager(root(ada!), { trackedOrigins: new Set([ORIGIN]) });
    ada!.transact(() => {
      root(ada!).delete(0, 1);
      const list = block('list');
      root(ada!).insertEmbed(0, list);
      list.insertEmbed(0, block('listitem'));
    }, ORIGIN);
    const updates: Uint8Array[] = [];
    ada!.on('update', (update: Uint8Array) => updates.push(update));
    undo.undo();
    expect(updates.flatMap((update) => charactersAfterElements(update, ada!))).toEqual([]);
    expect(read(lineOf(ada!))).toBe('one [w] y x');
    undo.redo();
    expect(root(ada!).toDelta()).toHaveLength(1);
    undo.undo();
    expect(updates.flatMap((update) => charactersAfterElements(update, ada!))).toEqual([]);
    expect(read(lineOf(ada!))).toBe('one [w] y x');
    sync(ada!, grace!);
    expect(read(lineOf(grace!))).toBe('one [w] y x');
  });
});
