/**
 * On reconnect a page sends everything its person did offline as one update, holding what they
 * made and deleted again meanwhile (issue #19, fuzz at 48 steps, all actions). The structure
 * check refused two such updates, so the page showed "Changes refused" and nobody ever saw what
 * that person did offline:
 * - seed 53: letters typed after letters they deleted, which Yjs had collected (they arrive
 *   keeping only a length) and the new letters point at ("characters outside a text node");
 * - seed 63: a picture put in a line they then made a code block, which moved the picture out
 *   to a new line after it; the first picture arrives deleted inside the code block (the
 *   editor's undo keeps deleted content whole) ("node image inside code");
 * - seed 156: words typed right after a link they deleted, the link arriving whole (deleted
 *   only by the update's delete set), so the words' left neighbour was taken for a live node
 *   ("characters outside a text node").
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdateStructure } from '../src/protocol/update-structure.js';
import { writeParagraph } from './editor-paragraph.js';

const copyOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const paragraphOf = (doc: Y.Doc): Y.XmlText =>
  (doc.get('root', Y.XmlText).toDelta() as { insert: Y.XmlText }[])[0]!.insert;
const textOf = (doc: Y.Doc): string =>
  (paragraphOf(doc).toDelta() as { insert: unknown }[])
    .map(({ insert }) => (typeof insert === 'string' ? insert : ''))
    .join('');

/** One paragraph holding a text node with `words`, as the editor stores it. */
function documentWith(words: string): Y.Doc {
  const doc = new Y.Doc();
  writeParagraph(doc, 0, words);
  return doc;
}

describe('an offline change that types after letters it deleted (issue #19)', () => {
  it('is accepted, and the server shows what was typed', () => {
    const server = documentWith('hello');
    const offline = copyOf(server);
    const before = Y.encodeStateVector(offline);
    const paragraph = paragraphOf(offline);
    // Each keystroke is a transaction of its own; Yjs collects the deleted letters after each.
    offline.transact(() => paragraph.insert(6, ' wrold'));
    offline.transact(() => paragraph.delete(8, 4));
    offline.transact(() => paragraph.insert(8, 'orld'));
    const update = Y.encodeStateAsUpdate(offline, before);

    expect(() => checkUpdateStructure(update, server)).not.toThrow();
    Y.applyUpdate(server, update);
    expect(textOf(server)).toBe('hello world');
  });
});

/** A picture, as the editor stores one. */
function picture(): Y.XmlElement {
  const image = new Y.XmlElement('image');
  for (const [key, value] of Object.entries({ __type: 'image', __src: 'https://example.com/a.png', __altText: '' })) {
    image.setAttribute(key, value as string);
  }
  return image;
}

const blockTypes = (doc: Y.Doc): unknown[] =>
  (doc.get('root', Y.XmlText).toDelta() as { insert: Y.XmlText }[]).map(({ insert }) => insert.getAttribute('__type'));

describe('an offline change holding a picture it moved out of a line it made a code block (issue #19)', () => {
  /** The offline person's update; `moveOut` false leaves the picture in the code block. */
  function pictureThenCode(server: Y.Doc, moveOut = true): Uint8Array {
    // Deleted content stays whole, as the editor's undo manager keeps it.
    const offline = new Y.Doc({ gc: false });
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(offline);
    const line = paragraphOf(offline);
    offline.transact(() => line.insertEmbed(line.length, picture()));
    offline.transact(() => {
      line.setAttribute('__type', 'code');
      if (!moveOut) return;
      line.delete(line.length - 1, 1);
      const after = new Y.XmlText();
      offline.get('root', Y.XmlText).insertEmbed(1, after);
      after.setAttribute('__type', 'paragraph');
      after.insertEmbed(0, picture());
    });
    return Y.encodeStateAsUpdate(offline, before);
  }

  it('is accepted, and the server shows the code block and the picture after it', () => {
    const server = documentWith('hello');
    const update = pictureThenCode(server);
    expect(() => checkUpdateStructure(update, server)).not.toThrow();
    Y.applyUpdate(server, update);
    expect(blockTypes(server)).toEqual(['code', 'paragraph']);
    expect(textOf(server)).toBe('hello');
  });

  it('a picture left in the code block is still refused', () => {
    const server = documentWith('hello');
    expect(() => checkUpdateStructure(pictureThenCode(server, false), server)).toThrow(/node "image" inside "code"/);
  });
});

describe('an offline change typing right after a node it deleted (issue #19, seed 156)', () => {
  it('is accepted though the deleted node arrives whole', () => {
    const server = documentWith('hello');
    // Deleted content stays whole, as the editor's undo manager keeps it.
    const offline = new Y.Doc({ gc: false });
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(offline);
    const line = paragraphOf(offline);
    offline.transact(() => line.insertEmbed(line.length, picture()));
    offline.transact(() => line.delete(line.length - 1, 1));
    offline.transact(() => line.insert(line.length, ' world'));
    const update = Y.encodeStateAsUpdate(offline, before);

    expect(() => checkUpdateStructure(update, server)).not.toThrow();
    Y.applyUpdate(server, update);
    expect(textOf(server)).toBe('hello world');
  });
});
