import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fileUrl } from '@quire/shared';
import { checkUpdateStructure } from '../src/protocol/update-structure.js';
import { blocksFromMarkdown, updateToBlocks } from '../src/content/change.js';
import { changeImageSrcUpdate, insertImageUpdate } from './image-updates.js';

/**
 * SPEC: Files (images) — an image may show its own document's files or an `https:` URL;
 * every other source makes the update invalid. Checked here on the editor's own updates.
 */
const NAME = 'team/notes';
const ID = 'a'.repeat(64);

function documentWithText(): Y.Doc {
  const doc = new Y.Doc();
  const update = updateToBlocks(Y.encodeStateAsUpdate(doc), blocksFromMarkdown('Some text'));
  if (update) Y.applyUpdate(doc, update);
  return doc;
}

const ALLOWED = [fileUrl(NAME, ID), 'https://example.com/cat.png', 'https://example.com/a%20b.png?size=2#x'];
const REFUSED: Array<[string, string]> = [
  ['javascript:', 'javascript:alert(1)'],
  ['data:', 'data:image/png;base64,iVBORw0KGgo='],
  ['http:', 'http://example.com/cat.png'],
  ["another document's file", fileUrl('other', ID)],
  ['a file URL carrying a token', `${fileUrl(NAME, ID)}?token=secret`],
  ['a malformed file id', fileUrl(NAME, 'abc')],
  ['a protocol-relative URL', '//example.com/cat.png'],
  ['an https URL with a space', 'https://example.com/a b.png'],
  ['an https URL with a control character', 'https://example.com/a\u0000.png'],
  ['an empty source', ''],
  ['a very long source', `https://example.com/${'a'.repeat(3000)}`],
];

describe('image sources in updates (SPEC: Files (images))', () => {
  it.each(ALLOWED)('accepts an image showing %s', (src) => {
    const doc = documentWithText();
    const update = insertImageUpdate(Y.encodeStateAsUpdate(doc), src);
    expect(() => checkUpdateStructure(update, doc, NAME)).not.toThrow();
  });

  it.each(REFUSED)('refuses an image showing %s', (_label, src) => {
    const doc = documentWithText();
    const update = insertImageUpdate(Y.encodeStateAsUpdate(doc), src);
    expect(() => checkUpdateStructure(update, doc, NAME)).toThrow(/property __src/);
  });

  it("refuses the document's own file when the update is checked without the document's name", () => {
    const doc = documentWithText();
    const update = insertImageUpdate(Y.encodeStateAsUpdate(doc), fileUrl(NAME, ID));
    expect(() => checkUpdateStructure(update, doc)).toThrow(/property __src/);
  });

  it('refuses changing an existing image to a refused source, and accepts a change to an allowed one', () => {
    const doc = documentWithText();
    const insert = insertImageUpdate(Y.encodeStateAsUpdate(doc), 'https://example.com/a.png');
    checkUpdateStructure(insert, doc, NAME);
    Y.applyUpdate(doc, insert);
    const state = Y.encodeStateAsUpdate(doc);
    expect(() => checkUpdateStructure(changeImageSrcUpdate(state, 'javascript:alert(1)'), doc, NAME)).toThrow(
      /property __src/,
    );
    expect(() => checkUpdateStructure(changeImageSrcUpdate(state, fileUrl(NAME, ID)), doc, NAME)).not.toThrow();
  });
});
