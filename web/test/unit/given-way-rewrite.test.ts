/**
 * A paste from Google Docs into a copy that gives way shows the rest of its line once
 * (issue 19; editor/binding/held-pieces.ts). The paste splits the text node at the caret and
 * @lexical/yjs writes the rest of the line again, as the paster's own characters; when the
 * copy gave way to another person's move of the block, given-way.ts handed those characters
 * to the winner's copy, which already held them (the seeded fuzz, seed 3 at 48 steps with
 * every action). Client ids are fixed, so which move wins is known; each case runs with
 * either move winning, and with the paste by the losing mover or by a third person.
 */
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { $insertList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { withoutHeldWords, ShownText } from '../../src/editor/binding/held-pieces.js';
import {
  exchange,
  headlessText,
  mergeTwo,
  movingPerson,
  settle,
  twoMovingPeople,
  type Person,
} from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

const line = (): void => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma')));

const toList = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $insertList('bullet');
  });

/** A paste as Lexical's clipboard does it once Google Docs' HTML became nodes: a bold word, then a plain one. */
const pasteGoogleDocs = (editor: LexicalEditor, offset: number, bold: string, plain: string): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant<TextNode>()!.select(offset, offset);
    const pasted = $createParagraphNode().append(
      $createTextNode(bold).toggleFormat('bold'),
      $createTextNode(` ${plain}`),
    );
    $insertGeneratedNodes(editor, [pasted], $getSelection()!);
  });

/** How often `word` occurs, glued to others or not (no word here holds another). */
const timesShown = (text: string, word: string): number => text.split(word).length - 1;

function expectEachOnce(texts: string[], words: string[]): void {
  for (const text of texts) expect(text).toBe(texts[0]);
  for (const word of words) expect(timesShown(texts[0]!, word), `${word} in ${JSON.stringify(texts[0])}`).toBe(1);
}

/** Exchanges between every two of `people` until all have everything; their texts. */
async function mergeAll(people: Person[]): Promise<string[]> {
  for (let round = 0; round < 4; round++) {
    for (const [i, one] of people.entries()) {
      for (const other of people.slice(i + 1)) exchange(one.doc, other.doc);
    }
    for (const { editor } of people) editor.read(() => undefined);
    await settle();
  }
  return people.map(({ editor }) => headlessText(editor));
}

const WORDS = ['alpha', 'beta', 'gamma', 'pasted', 'words'];

describe.each([0, 2])(
  'a paste that writes the rest of a line again, in a moved block (Grace is client %i)',
  (graceId) => {
    // With Grace as client 0, her copy gives way: she hands over her own words (giveWay).
    it('Grace pastes into her copy after both made the paragraph a list item', async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, line);
      toList(b);
      pasteGoogleDocs(b, 6, 'pasted', 'words');
      toList(a);
      expectEachOnce(await mergeTwo(a, b, ada, grace), WORDS);
    });

    // With Grace as client 2, Ada's copy gives way: Carol hands over hers on meeting it (lostInGivenWay).
    it('Carol pastes into Ada’s copy while Grace makes the paragraph a list item too', async () => {
      const [ada, grace, carol] = [movingPerson(1), movingPerson(graceId), movingPerson(3)];
      run(ada.editor, line);
      await mergeAll([ada, grace, carol]);
      toList(ada.editor);
      exchange(ada.doc, carol.doc);
      // Her editor takes in Ada's move first, as a page does before the next keystroke.
      carol.editor.read(() => undefined);
      pasteGoogleDocs(carol.editor, 6, 'pasted', 'words');
      toList(grace.editor);
      expectEachOnce(await mergeAll([ada, grace, carol]), WORDS);
    });
  },
);

describe('the pieces a losing copy hands over keep the words the winner lacks', () => {
  /** `parts` in order: a string is text the mover saw, [text] a piece (one's own). */
  function shownOf(...parts: Array<string | [string]>): {
    shown: ShownText;
    pieces: Array<{ at: number; text: string }>;
  } {
    const shown = new ShownText();
    const pieces: Array<{ at: number; text: string }> = [];
    let seen = 0;
    for (const part of parts) {
      if (typeof part === 'string') {
        shown.add(part);
        seen += part.length;
      } else {
        pieces.push({ at: seen, text: part[0] });
        shown.add(part[0], pieces.length - 1);
      }
    }
    return { shown, pieces };
  }

  it('a rewritten rest of the line goes, glued or not', () => {
    const { shown, pieces } = shownOf('alpha ', ['pasted wordsbeta gamma']);
    expect(withoutHeldWords(pieces, shown, ['alpha', 'beta', 'gamma'])).toEqual([{ at: 6, text: 'pasted words ' }]);
  });

  it('a word typed next to an equal word the winner holds once stays', () => {
    const { shown, pieces } = shownOf(['alpha '], 'alpha beta');
    expect(withoutHeldWords(pieces, shown, ['alpha', 'beta'])).toEqual(pieces);
  });

  it('a piece left with only spaces goes; a space typed between words the winner holds glued stays', () => {
    const rewritten = shownOf('alpha ', ['beta ']);
    expect(withoutHeldWords(rewritten.pieces, rewritten.shown, ['alpha', 'beta'])).toEqual([]);
    const typed = shownOf('alpha', [' '], 'beta');
    expect(withoutHeldWords(typed.pieces, typed.shown, ['alphabeta'])).toEqual(typed.pieces);
  });
});
