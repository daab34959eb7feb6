/**
 * The rescue of characters a collaborator's new element left without a text node (issue
 * 19; editor/binding/stray-text-rescue.ts), on plain Yjs documents shaped as the editor
 * writes them. The browser cases are in concurrent-links.test.ts.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepStrayText } from '../../src/editor/binding/stray-text-rescue.js';

const sync = (from: Y.Doc, to: Y.Doc): void => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const paragraphOf = (doc: Y.Doc): Y.XmlText => doc.get('root', Y.XmlText).toDelta()[0].insert as Y.XmlText;

function textNode(): Y.Map<unknown> {
  const leaf = new Y.Map<unknown>();
  leaf.set('__type', 'text');
  return leaf;
}

/**
 * "hello word" in one text node of one paragraph, on both documents. Ada's client number is
 * the lower: where her link and Grace's concurrent characters meet, the link comes first.
 */
function twoPeople(): [Y.Doc, Y.Doc] {
  const [ada, grace] = [new Y.Doc(), new Y.Doc()];
  ada.clientID = 1;
  grace.clientID = 2;
  ada.transact(() => {
    const paragraph = new Y.XmlText();
    ada.get('root', Y.XmlText).insertEmbed(0, paragraph);
    paragraph.setAttribute('__type', 'paragraph');
    paragraph.insertEmbed(0, textNode());
    paragraph.insert(1, 'hello word');
  });
  sync(ada, grace);
  return [ada, grace];
}

/** Ada wraps "word" in a link as the binding writes it: the characters move into it. */
function linkWord(ada: Y.Doc): void {
  ada.transact(() => {
    const paragraph = paragraphOf(ada);
    paragraph.delete(7, 4);
    const link = new Y.XmlText();
    paragraph.insertEmbed(7, link);
    link.setAttribute('__type', 'link');
    link.insertEmbed(0, textNode());
    link.insert(1, 'word');
  });
}

/** What a reader of the paragraph sees: a text node's characters, element embeds as their type. */
function shapeOf(doc: Y.Doc): unknown[] {
  return paragraphOf(doc)
    .toDelta()
    .map(({ insert }: { insert: unknown }) =>
      insert instanceof Y.XmlText
        ? `<${String(insert.getAttribute('__type'))}>`
        : insert instanceof Y.Map
          ? '|'
          : insert,
    );
}

describe('characters left stray by a collaborator’s element', () => {
  it('their author writes them again, once, in a text node of their own after the link', async () => {
    const [ada, grace] = twoPeople();
    const stop = keepStrayText(grace);
    paragraphOf(grace).insert(11, ' more');
    linkWord(ada);
    sync(ada, grace);
    await settle();
    sync(grace, ada);
    for (const doc of [ada, grace]) expect(shapeOf(doc)).toEqual(['|', 'hello ', '<link>', '|', ' more']);
    stop();
  });

  it('in the middle of a paragraph, the characters come back once and inside a text node', async () => {
    const [ada, grace] = twoPeople();
    paragraphOf(ada).insert(11, ' there');
    sync(ada, grace);
    const stop = keepStrayText(grace);
    paragraphOf(grace).insert(11, ' more');
    linkWord(ada);
    // The text after the link becomes a text node of its own (the split before wrapping).
    paragraphOf(ada).insertEmbed(8, textNode());
    sync(ada, grace);
    await settle();
    sync(grace, ada);
    for (const doc of [ada, grace]) {
      const shape = shapeOf(doc);
      expect(shape.join('').split(' more')).toHaveLength(2);
      expect(shape.join('')).toContain(' there');
      shape.forEach((part, i) => {
        if (typeof part === 'string' && !part.startsWith('<') && part !== '|') expect(shape[i - 1]).toBe('|');
      });
    }
    stop();
  });

  it('a text node someone deleted with its characters stays deleted', async () => {
    const [ada, grace] = twoPeople();
    const stop = keepStrayText(ada);
    linkWord(ada);
    sync(ada, grace);
    grace.transact(() => {
      paragraphOf(grace).insertEmbed(8, textNode());
      paragraphOf(grace).insert(9, ' more');
    });
    sync(grace, ada);
    // Ada did not write " more": nothing of hers is stray, so nothing is written again.
    grace.transact(() => paragraphOf(grace).delete(8, 6));
    sync(grace, ada);
    await settle();
    expect(shapeOf(ada)).toEqual(['|', 'hello ', '<link>']);
    stop();
  });
});
