/**
 * A link Enter carried out of a line, then the line made a list item by someone who saw the
 * Enter (issue 19; editor/binding/unseen-outer-move.ts). Enter rewrites what it carries, so
 * the splitter's page notes a move of the link and of the line around it. The list move of
 * the line that followed is no rival: it never held the link. But the link's one word ("w00")
 * stood in the list's text by chance ("w0001hq"), so the splitter's page took the list move
 * for a move of the link's block made without seeing its own, and gave way: it looked for the
 * link's copy among the characters it had written by their text, found the "w00" of "w0007xq",
 * and deleted them on every page (the default pass of the editing fuzz, seed 229 at 48 steps).
 * The states are the splitter's page before its Enter and the list author's update.
 */
import { readFileSync } from 'node:fs';
import { $getRoot, $getSelection, $isRangeSelection, type TextNode } from 'lexical';
import { expect, it } from 'vitest';
import { receive, replayPage } from '../support/fuzz-replay.js';
import { headlessText } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/seed-229/${name}`, import.meta.url)));

/** The splitter's id in the dump: the list author's update names its Enter's items. */
const SPLITTER = 728166768;

it('keeps the words after a carried link when a later list move of the line comes in', async () => {
  const splitter = await replayPage([fixture('page-2.yjs')]);
  splitter.doc.clientID = SPLITTER;
  run(splitter.editor, () => {
    $getRoot().getFirstDescendant<TextNode>()!.select(34, 34);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });
  expect(headlessText(splitter.editor)).toBe('w0001hq w0002oq  w0004cq w0005jq w\n\n0006 w00 w0007xq w0008eq w0009lq ');

  await receive(splitter, fixture('list-update.yjs'));
  expect(headlessText(splitter.editor)).toBe('w0001hq w0002oq  w0004cq w0005jq w\n\n0006 w00 w0007xq w0008eq w0009lq ');
  splitter.editor.read(() => expect($getRoot().getFirstChild()!.getType()).toBe('list'));
});
