/**
 * Pasting HTML into a code block (issue #19, fuzz seed 4; editor/plugins/code-block-rules.ts):
 * Lexical splices the paragraphs a Google Docs or Word paste makes into the code block, the
 * server refuses that update (1003 "node paragraph inside code") at every reconnect, and
 * the page stops with "Changes refused": nothing it types reaches anyone again. The pasted
 * words must land in the code block as lines of text, pictures after it, with the caret
 * after the last pasted word, and every node under a parent the server allows.
 */
import { $createCodeNode } from '@lexical/code';
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { createHeadlessEditor } from '@lexical/headless';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { nodeSchema } from '@quire/shared';
import { $createImageNode, QUIRE_NODES } from '@quire/shared/lexical';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { registerContentRules } from '../../src/editor/plugins/ContentRulesPlugin.js';

function editorWithCode(text: string): LexicalEditor {
  const editor = createHeadlessEditor({
    nodes: [...QUIRE_NODES],
    onError: (err) => {
      throw err;
    },
  });
  registerContentRules(editor);
  editor.update(
    () => {
      const code = $createCodeNode().append($createTextNode(text));
      $getRoot().clear().append(code);
      code.selectEnd();
    },
    { discrete: true },
  );
  return editor;
}

/** A paste as Lexical's clipboard does it, once the HTML became `make()`'s nodes. */
function paste(editor: LexicalEditor, make: () => LexicalNode[]): void {
  editor.update(() => $insertGeneratedNodes(editor, make(), $getSelection()!), { discrete: true });
}

const typeText = (editor: LexicalEditor, text: string): void =>
  editor.update(() => void $getSelection()!.insertText(text), { discrete: true });

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

const blocks = (editor: LexicalEditor): string[] =>
  editor.read(() =>
    $getRoot()
      .getChildren()
      .map((block) => `${block.getType()}: ${block.getTextContent()}`),
  );

const paragraph = (...words: string[]): ElementNode =>
  $createParagraphNode().append(...words.map((word) => $createTextNode(word)));

describe('pasting HTML into a code block (issue #19)', () => {
  it('a Word paste of two paragraphs becomes two lines of the code block, and typing goes after them', () => {
    const editor = editorWithCode('alpha beta ');
    paste(editor, () => [paragraph('PONE'), paragraph('PTWO')]);
    typeText(editor, ' typed');
    expect(misplaced(editor)).toEqual([]);
    expect(blocks(editor)).toEqual(['code: alpha beta \nPONE\nPTWO typed']);
  });

  it('pasted in the middle of a line, the words go between its halves, each on a line', () => {
    const editor = editorWithCode('left right');
    editor.update(() => void $getRoot().getFirstDescendant<TextNode>()!.select(4, 4), { discrete: true });
    paste(editor, () => [paragraph('PONE', ' PTWO')]);
    expect(misplaced(editor)).toEqual([]);
    expect(blocks(editor)).toEqual(['code: left\nPONE PTWO\n right']);
  });

  it('a pasted list keeps every item as a line, and a picture goes after the code block', () => {
    const editor = editorWithCode('x');
    paste(editor, () => [
      $createListNode('bullet').append(
        $createListItemNode().append($createTextNode('ITEMONE')),
        $createListItemNode().append($createTextNode('ITEMTWO')),
      ),
      paragraph('before').append($createImageNode({ src: '/pic.png', altText: 'pic' })),
    ]);
    expect(misplaced(editor)).toEqual([]);
    expect(blocks(editor)).toEqual(['code: x\nITEMONE\nITEMTWO\nbefore', 'paragraph: ']);
    expect(
      editor.read(() =>
        $getRoot()
          .getLastChild<ElementNode>()!
          .getChildren()
          .map((node) => node.getType()),
      ),
    ).toEqual(['image']);
  });
});
