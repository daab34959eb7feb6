/**
 * Tab with the caret on the document, between blocks, does nothing and throws nothing
 * (issue 19; editor/plugins/tab-at-root.ts). Lexical's Tab indentation looked for the
 * caret's block and threw (Lexical error #4) on a page of the seeded fuzz (tables pass,
 * seed 34 at 48 steps).
 */
import { $createHorizontalRuleNode, registerTabIndentation } from '@lexical/extension';
import { createHeadlessEditor } from '@lexical/headless';
import { QUIRE_NODES } from '@quire/shared/lexical';
import { $createParagraphNode, $createTextNode, $getRoot, KEY_TAB_COMMAND, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { registerTabAtRoot } from '../../src/editor/plugins/tab-at-root.js';

function editorWithRule(withFix: boolean): { editor: LexicalEditor; errors: Error[] } {
  const errors: Error[] = [];
  const editor = createHeadlessEditor({ nodes: [...QUIRE_NODES], onError: (err) => void errors.push(err) });
  registerTabIndentation(editor, 6);
  if (withFix) registerTabAtRoot(editor);
  editor.update(
    () => {
      $getRoot().append($createParagraphNode().append($createTextNode('alpha')), $createHorizontalRuleNode());
      // The caret on the root, after the rule: where Lexical puts it when the block it was in goes.
      $getRoot().select(2, 2);
    },
    { discrete: true },
  );
  return { editor, errors };
}

function pressTab(editor: LexicalEditor): { prevented: boolean } {
  const event = { shiftKey: false, prevented: false, preventDefault: () => void (event.prevented = true) };
  editor.update(() => void editor.dispatchCommand(KEY_TAB_COMMAND, event as unknown as KeyboardEvent), {
    discrete: true,
  });
  return event;
}

const textOf = (editor: LexicalEditor): string => editor.read(() => $getRoot().getTextContent());

describe('Tab with the caret on the document between blocks', () => {
  it('throws in Lexical’s Tab indentation alone (the bug this guards)', () => {
    const { editor, errors } = editorWithRule(false);
    pressTab(editor);
    expect(errors.map((err) => err.message).join()).toMatch(/closest block element node/);
  });

  it('does nothing, throws nothing and keeps the focus', () => {
    const { editor, errors } = editorWithRule(true);
    const before = textOf(editor);
    expect(pressTab(editor).prevented).toBe(true);
    expect(errors).toEqual([]);
    expect(textOf(editor)).toBe(before);
  });
});
