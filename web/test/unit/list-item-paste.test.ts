/**
 * Pasting paragraphs into a nested list item (issue #19, fuzz seed 41 at 48 steps;
 * editor/plugins/list-item-rules.ts): Lexical left the second pasted paragraph inside the
 * outer list item, after its nested list; the server refuses that update (1003 "node
 * paragraph inside listitem") at every reconnect, and nothing the page typed afterwards
 * reached anyone. Every pasted word must stay, each node under a parent the server allows.
 */
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { createHeadlessEditor } from '@lexical/headless';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { nodeSchema } from '@quire/shared';
import { QUIRE_NODES } from '@quire/shared/lexical';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { registerContentRules } from '../../src/editor/plugins/ContentRulesPlugin.js';

function editorWithNestedItem(withRules: boolean): LexicalEditor {
  const editor = createHeadlessEditor({
    nodes: [...QUIRE_NODES],
    onError: (err) => {
      throw err;
    },
  });
  if (withRules) registerContentRules(editor);
  editor.update(
    () => {
      const inner = $createListItemNode().append($createTextNode('alpha beta '));
      const outer = $createListItemNode().append($createListNode('number').append(inner));
      $getRoot().clear().append($createListNode('number').append(outer));
      inner.selectEnd();
    },
    { discrete: true },
  );
  return editor;
}

/** A Word paste of two paragraphs, a bold word and an italic one, as Lexical's clipboard inserts it. */
function pasteTwoParagraphs(editor: LexicalEditor): void {
  editor.update(
    () => {
      const first = $createParagraphNode().append($createTextNode('pasted').toggleFormat('bold'));
      const second = $createParagraphNode().append($createTextNode('words').toggleFormat('italic'));
      $insertGeneratedNodes(editor, [first, second], $getSelection()!);
    },
    { discrete: true },
  );
}

/** `parent > child` for every node the server would refuse where it is. */
function misplaced(editor: LexicalEditor): string[] {
  const walk = (node: LexicalNode): string[] => {
    if (!$isElementNode(node)) return [];
    return node.getChildren().flatMap((child) => {
      const fits = nodeSchema(child.getType())?.parents.has(node.getType()) === true;
      return [...(fits ? [] : [`${node.getType()} > ${child.getType()}`]), ...walk(child)];
    });
  };
  return editor.read(() => walk($getRoot()));
}

const text = (editor: LexicalEditor): string => editor.read(() => $getRoot().getTextContent());

describe('pasting paragraphs into a nested list item (issue #19)', () => {
  it('Lexical alone leaves a paragraph inside the list item (the bug this guards)', () => {
    const editor = editorWithNestedItem(false);
    pasteTwoParagraphs(editor);
    expect(misplaced(editor)).toEqual(['listitem > paragraph']);
  });

  it('the second paragraph becomes a list item of its own; every word stays', () => {
    const editor = editorWithNestedItem(true);
    pasteTwoParagraphs(editor);
    expect(misplaced(editor)).toEqual([]);
    const shown = text(editor);
    for (const word of ['alpha', 'beta', 'pasted', 'words']) expect(shown).toContain(word);
  });
});
