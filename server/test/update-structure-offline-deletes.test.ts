/**
 * A person offline types, deletes some of it and types again (issue #19, fuzz seed 53 at 48
 * steps, all actions): on reconnect the page sends everything it did offline as one update. The
 * letters it deleted arrive as deleted items Yjs has collected (they keep only a length), and the
 * letters typed after them point at them. The structure check refused such an update
 * ("characters outside a text node"), so the page showed "Changes refused" and nobody ever saw
 * what that person wrote offline.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdateStructure } from '../src/protocol/update-structure.js';

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
  const paragraph = new Y.XmlText();
  doc.get('root', Y.XmlText).insertEmbed(0, paragraph);
  paragraph.setAttribute('__type', 'paragraph');
  const text = new Y.Map<unknown>();
  paragraph.insertEmbed(0, text);
  for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 })) {
    text.set(key, value);
  }
  paragraph.insert(1, words);
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
