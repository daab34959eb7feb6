/**
 * Links over a rule or a picture (issue #19, fuzz seed 165 with all actions;
 * editor/plugins/link-rules.ts). A person clicked a rule in a table cell (which selects it as
 * a node) and pressed Ctrl+K: Lexical wrapped the rule in the link, the server refused that
 * update (1003 `node "horizontalrule" inside "link"`) at every reconnect, and the page's
 * later changes reached nobody. A link must hold only what the server lets it hold, and no
 * word or node may go.
 */
import { $createHorizontalRuleNode, namedSignals } from '@lexical/extension';
import { createHeadlessEditor } from '@lexical/headless';
import { TOGGLE_LINK_COMMAND, registerLink } from '@lexical/link';
import { $createTableNodeWithDimensions } from '@lexical/table';
import { nodeSchema } from '@quire/shared';
import { $createImageNode, QUIRE_NODES } from '@quire/shared/lexical';
import {
  $createNodeSelection,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
  $setSelection,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { isSafeLinkUrl } from '../../src/editor/toolbar-actions.js';
import { registerContentRules } from '../../src/editor/plugins/ContentRulesPlugin.js';

/** A headless editor with the app's link handling (LinkPlugin's) and, if asked, its content rules. */
function linkingEditor(withRules: boolean): LexicalEditor {
  const editor = createHeadlessEditor({
    nodes: [...QUIRE_NODES],
    onError: (err) => {
      throw err;
    },
  });
  registerLink(editor, namedSignals({ validateUrl: isSafeLinkUrl, attributes: undefined }));
  if (withRules) registerContentRules(editor);
  return editor;
}

function build(editor: LexicalEditor, $content: () => void): void {
  editor.update($content, { discrete: true });
}

const link = (editor: LexicalEditor): void => {
  editor.update(() => editor.dispatchCommand(TOGGLE_LINK_COMMAND, 'https://example.com/w0015bq'), {
    discrete: true,
  });
};

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

/** The document's nodes in order, links left out, each run of text as one string in quotes. */
function shape(editor: LexicalEditor): string[] {
  const parts: string[] = [];
  const walk = (node: LexicalNode): void => {
    const last = parts.at(-1);
    if ($isTextNode(node) && last?.startsWith('"') === true) {
      parts[parts.length - 1] = `${last.slice(0, -1)}${node.getTextContent()}"`;
    } else if ($isTextNode(node)) {
      parts.push(`"${node.getTextContent()}"`);
    } else if (node.getType() !== 'link') {
      parts.push(node.getType());
    }
    if ($isElementNode(node)) node.getChildren().forEach(walk);
  };
  editor.read(() => walk($getRoot()));
  return parts;
}

/** A table cell holding a line of text and a rule, the rule picked by a click. */
function $ruleInCell(): void {
  const table = $createTableNodeWithDimensions(1, 1, false);
  $getRoot()
    .clear()
    .append($createParagraphNode().append($createTextNode('w0001hq')), table);
  const cell = (table.getFirstChildOrThrow() as ElementNode).getFirstChildOrThrow() as ElementNode;
  const rule = $createHorizontalRuleNode();
  cell.append(rule);
  const picked = $createNodeSelection();
  picked.add(rule.getKey());
  $setSelection(picked);
}

/** A line with a picture between two words, selected from inside the first to inside the second. */
function $pictureInSelection(): void {
  const before = $createTextNode('w0001hq ');
  const after = $createTextNode(' w0002oq');
  $getRoot()
    .clear()
    .append($createParagraphNode().append(before, $createImageNode({ src: '/files/a.png' }), after));
  before.select(2, 2).focus.set(after.getKey(), 4, 'text');
}

describe('links over rules and pictures (issue #19, seed 165)', () => {
  it('Lexical alone puts a picked rule in a link (the bug this guards)', () => {
    const editor = linkingEditor(false);
    build(editor, $ruleInCell);
    link(editor);
    expect(misplaced(editor)).toContain('link > horizontalrule');
  });

  it('linking a picked rule changes nothing', () => {
    const editor = linkingEditor(true);
    build(editor, $ruleInCell);
    const before = JSON.stringify(editor.getEditorState().toJSON());
    link(editor);
    expect(misplaced(editor)).toEqual([]);
    expect(JSON.stringify(editor.getEditorState().toJSON())).toBe(before);
  });

  it('a link across a picture is split around it, the picture staying in its line', () => {
    const editor = linkingEditor(true);
    build(editor, $pictureInSelection);
    link(editor);
    expect(misplaced(editor)).toEqual([]);
    expect(shape(editor)).toEqual(['root', 'paragraph', '"w0001hq "', 'image', '" w0002oq"']);
    const links = editor.read(() =>
      $getRoot()
        .getFirstChildOrThrow<ElementNode>()
        .getChildren()
        .filter((node) => node.getType() === 'link')
        .map((node) => node.getTextContent()),
    );
    expect(links).toEqual(['001hq ', ' w00']);
  });

  it('a rule that reached a link leaves it for the block after the line', () => {
    const editor = linkingEditor(true);
    build(editor, () => {
      const text = $createTextNode('w0001hq');
      $getRoot().clear().append($createParagraphNode().append(text));
      text.select(0, 7);
    });
    link(editor);
    editor.update(
      () => {
        const linked = $getRoot().getFirstChildOrThrow<ElementNode>().getFirstChildOrThrow<ElementNode>();
        linked.append($createHorizontalRuleNode(), $createTextNode(' w0002oq'));
      },
      { discrete: true },
    );
    expect(misplaced(editor)).toEqual([]);
    expect(shape(editor)).toEqual(['root', 'paragraph', '"w0001hq w0002oq"', 'horizontalrule']);
  });
});
