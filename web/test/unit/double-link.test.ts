/**
 * Two people linking the same words at once (issue 19). A link is an element (a Y.XmlText in
 * its block): linking deletes the words' characters from the line and writes a link holding a
 * copy of them. Both people did so before they synced, so both copies stayed: "one twotwo three".
 */
import { $toggleLink } from '@lexical/link';
import { $createParagraphNode, $createTextNode, $getRoot, $isTextNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import {
  exchange,
  headlessText,
  mergeTwo,
  movingPerson,
  settle,
  twoMovingPeople,
} from '../support/headless-clients.js';
import { linkWord, run } from '../support/headless-typing.js';

const lineOf = (text: string) => (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode(text)));
};
const buildLine = lineOf('one two three');

/** Links the characters `start` to `end` of the line, as selecting them and Ctrl+K do. */
const linkAt = (editor: LexicalEditor, start: number, end: number): void =>
  run(editor, () => {
    $getRoot().getAllTextNodes()[0]!.select(start, end);
    $toggleLink('https://example.com/');
  });

/** The texts of the links, in order. */
const linkTexts = (editor: LexicalEditor): string[] =>
  editor.read(() =>
    $getRoot()
      .getAllTextNodes()
      .filter((node) => node.getParent()?.getType() === 'link')
      .map((node) => node.getTextContent()),
  );

/** Appends `letters` to the text inside the first link, as typing at the link's end does. */
const typeInLink = (editor: Parameters<typeof linkWord>[0], letters: string): void =>
  run(editor, () => {
    const text = $getRoot()
      .getAllTextNodes()
      .find((node) => $isTextNode(node) && node.getParent()?.getType() === 'link');
    text!.setTextContent(text!.getTextContent() + letters);
  });

describe('the same words linked by two people at once (issue 19)', () => {
  for (const graceId of [2, 0]) {
    it(`shows a word both linked once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'two');
      linkWord(b, 'two');
      expect(await mergeTwo(a, b, ada, grace)).toEqual(['one two three', 'one two three']);
    });

    it(`shows a whole line both linked once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'one two three');
      linkWord(b, 'one two three');
      expect(await mergeTwo(a, b, ada, grace)).toEqual(['one two three', 'one two three']);
    });

    it(`shows a word both linked once to a third person who saw both links first (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      const cora = movingPerson(3);
      exchange(ada, cora.doc);
      linkWord(a, 'two');
      linkWord(b, 'two');
      exchange(ada, cora.doc);
      exchange(grace, cora.doc);
      cora.editor.read(() => undefined);
      await settle();
      expect(headlessText(cora.editor)).toBe('one twotwo three');
      await mergeTwo(a, b, ada, grace);
      for (const other of [ada, grace]) exchange(other, cora.doc);
      await settle();
      expect(headlessText(cora.editor)).toBe('one two three');
    });

    it(`shows a word linked inside a longer link made at once, once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'two');
      linkWord(b, 'two three');
      expect(await mergeTwo(a, b, ada, grace)).toEqual(['one two three', 'one two three']);
      for (const editor of [a, b]) expect(linkTexts(editor)).toEqual(['two three']);
    });

    for (const [ada, grace, kept] of [
      ['one', 'one', 'one'],
      ['one two', 'one', 'one two'],
      ['one', 'one two', 'one two'],
      ['one two', 'two', 'one two'],
      ['two', 'one two', 'one two'],
    ]) {
      it(`shows the first words of a line once when linked "${ada}" and "${grace}" at once (Grace ${graceId})`, async () => {
        const [a, b, docA, docB] = await twoMovingPeople(graceId, buildLine);
        linkWord(a, ada!);
        linkWord(b, grace!);
        expect(await mergeTwo(a, b, docA, docB)).toEqual(['one two three', 'one two three']);
        for (const editor of [a, b]) expect(linkTexts(editor)).toEqual([kept]);
      });
    }

    for (const [line, ada, grace] of [
      ['one two three', 'one two', 'two three'],
      ['one two three four', 'two three', 'three four'],
    ]) {
      it(`shows words two links made at once share once: "${ada}" and "${grace}" (Grace ${graceId})`, async () => {
        const [a, b, docA, docB] = await twoMovingPeople(graceId, lineOf(line!));
        linkWord(a, ada!);
        linkWord(b, grace!);
        expect(await mergeTwo(a, b, docA, docB)).toEqual([line, line]);
        const joined = line!.slice(line!.indexOf(ada!), line!.indexOf(grace!) + grace!.length);
        for (const editor of [a, b]) expect(linkTexts(editor)).toEqual([joined]);
      });
    }

    it(`keeps two equal neighbouring words linked at once, both (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, lineOf('one twotwo three'));
      linkAt(a, 4, 7);
      linkAt(b, 7, 10);
      expect(await mergeTwo(a, b, ada, grace)).toEqual(['one twotwo three', 'one twotwo three']);
      for (const editor of [a, b]) expect(linkTexts(editor)).toEqual(['two', 'two']);
    });

    it(`keeps letters typed into either link while offline, once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'two');
      typeInLink(a, 'x');
      linkWord(b, 'two');
      typeInLink(b, 'y');
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts[0]).toBe(texts[1]);
      expect(texts[0]).toMatch(/^one two(xy|yx) three$/);
    });
  }
});
