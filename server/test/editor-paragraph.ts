import * as Y from 'yjs';

/** Writes, at `index` of `doc`'s root, a paragraph holding one text node with `words`, as the editor writes it. */
export function writeParagraph(doc: Y.Doc, index: number, words: string): void {
  doc.transact(() => {
    const paragraph = new Y.XmlText();
    doc.get('root', Y.XmlText).insertEmbed(index, paragraph);
    paragraph.setAttribute('__type', 'paragraph');
    const text = new Y.Map<unknown>();
    paragraph.insertEmbed(0, text);
    for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 })) {
      text.set(key, value);
    }
    paragraph.insert(1, words);
  });
}
