/**
 * Keyboard-like edits for the headless binding tests (web/test/unit): what a person's
 * typing and Ctrl+K do to the editor state, without a browser.
 */
import { $toggleLink } from '@lexical/link';
import { $insertList, $isListItemNode } from '@lexical/list';
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  type LexicalEditor,
  type TextNode,
} from 'lexical';

/** Runs `change` on `editor` at once (a discrete update), as one keystroke's edit lands. */
export const run = (editor: LexicalEditor, change: () => void): void => editor.update(change, { discrete: true });

/** The text node whose text includes `word` (inside an editor update). */
export const $textHolding = (word: string): TextNode =>
  $getRoot()
    .getAllTextNodes()
    .find((node) => node.getTextContent().includes(word))!;

/** Types `letters` right after `word`. */
export const typeAfter = (editor: LexicalEditor, word: string, letters: string): void =>
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word) + word.length;
    text.select(at, at).insertText(letters);
  });

/** Selects from the end of `word` to the end of its text node and types `letters` over it. */
export const writeOverRest = (editor: LexicalEditor, word: string, letters: string): void =>
  run(editor, () => {
    const text = $textHolding(word);
    text.select(text.getTextContent().indexOf(word) + word.length, text.getTextContentSize());
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertText(letters);
  });

/** Makes the block holding `word` a quote, as Ctrl+Alt+Q does. */
export const quoteAt = (editor: LexicalEditor, word: string): void =>
  run(editor, () => {
    $textHolding(word).select(0, 0);
    $setBlocksType($getSelection(), $createQuoteNode);
  });

/** Appends `letters` to the last text node of the first block, as typing at its end does. */
export function typeAtEnd(editor: LexicalEditor, letters: string): void {
  editor.update(
    () => {
      const block = $getRoot().getFirstChildOrThrow();
      const last = $isElementNode(block) ? block.getLastChild() : null;
      if ($isTextNode(last)) last.setTextContent(last.getTextContent() + letters);
    },
    { discrete: true },
  );
}

/** Selects `word` in the text node holding it and links it, as Ctrl+K does. */
export function linkWord(editor: LexicalEditor, word: string): void {
  editor.update(
    () => {
      const text = $textHolding(word);
      const start = text.getTextContent().indexOf(word);
      text.select(start, start + word.length);
      $toggleLink('https://example.com/');
    },
    { discrete: true },
  );
}

/** Makes block `index` (the first by default) a bulleted list item, as the toolbar's list button does. */
export function toList(editor: LexicalEditor, index = 0): void {
  editor.update(
    () => {
      $getRoot().getChildAtIndex(index)!.selectEnd();
      $insertList('bullet');
    },
    { discrete: true },
  );
}

/** Puts the caret just before `word` and presses Enter. */
export function enterBefore(editor: LexicalEditor, word: string): void {
  editor.update(
    () => {
      const text = $textHolding(word);
      const at = text.getTextContent().indexOf(word);
      text.select(at, at);
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.insertParagraph();
    },
    { discrete: true },
  );
}

/** Backspace at the start of the first list item, as the list plugin handles it (the rest of the list becomes a new list). */
export function backspaceAtListStart(editor: LexicalEditor): void {
  editor.update(
    () => {
      const text = $getRoot().getAllTextNodes()[0]!;
      text.select(0, 0);
      const item = text.getParentOrThrow();
      const selection = $getSelection();
      if ($isRangeSelection(selection) && $isListItemNode(item)) item.collapseAtStart(selection);
    },
    { discrete: true },
  );
}
