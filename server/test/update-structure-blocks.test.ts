import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createCodeNode, $isCodeNode } from '@lexical/code';
import { $createHorizontalRuleNode } from '@lexical/extension';
import {
  $createTableNodeWithDimensions,
  $deleteTableColumnAtSelection,
  $deleteTableRowAtSelection,
  $insertTableColumnAtSelection,
  $insertTableRowAtSelection,
  $isTableNode,
  $setTableRowIsHeader,
  type TableNode,
} from '@lexical/table';
import { $createParagraphNode, $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import { openHeadlessSession } from '../src/content/headless.js';
import { checkUpdateStructure } from '../src/protocol/update-structure.js';
import { nodesOfType } from './doc-checks.js';

/**
 * Issue #22: tables, rules, code languages and alignment as the server's update check sees
 * them. Every edit the editor makes to them is accepted; shapes it never writes (cells
 * outside rows, absurd spans, colours, rules holding content) are refused.
 */
type Session = ReturnType<typeof openHeadlessSession>;

function $table(): TableNode {
  return $getRoot().getChildren().find($isTableNode)!;
}

function $firstCellText(): LexicalNode {
  const cell = $table().getFirstChildOrThrow<TableNode>().getFirstChildOrThrow();
  return $isElementNode(cell) ? cell.getFirstChildOrThrow() : cell;
}

/** Each editor edit of a table, rule, code block and alignment, as the update it writes. */
function recordBlockEdits(): { updates: Uint8Array[]; session: Session } {
  const session = openHeadlessSession();
  const updates: Uint8Array[] = [];
  session.doc.on('update', (update: Uint8Array) => updates.push(update));
  const edit = (change: () => void): void => session.editor.update(change, { discrete: true });
  edit(() => $getRoot().append($createParagraphNode(), $createTableNodeWithDimensions(2, 3, true)));
  edit(() => ($firstCellText() as ReturnType<typeof $createParagraphNode>).select().insertText('cell'));
  edit(() => {
    ($firstCellText() as ReturnType<typeof $createParagraphNode>).select();
    $insertTableRowAtSelection(true);
  });
  edit(() => {
    ($firstCellText() as ReturnType<typeof $createParagraphNode>).select();
    $insertTableColumnAtSelection(false);
  });
  edit(() => $setTableRowIsHeader($table(), 0, false));
  edit(() => {
    ($firstCellText() as ReturnType<typeof $createParagraphNode>).select();
    $deleteTableRowAtSelection();
  });
  edit(() => {
    ($firstCellText() as ReturnType<typeof $createParagraphNode>).select();
    $deleteTableColumnAtSelection();
  });
  edit(() => $getRoot().append($createHorizontalRuleNode(), $createCodeNode('js')));
  edit(() => $getRoot().getChildren().find($isCodeNode)?.setLanguage('python'));
  edit(() => $getRoot().getFirstChildOrThrow<ReturnType<typeof $createParagraphNode>>().setFormat('justify'));
  edit(() => $getRoot().getChildren()[2]?.remove());
  return { updates, session };
}

function change(doc: Y.Doc, edit: (root: Y.XmlText) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  edit(copy.get('root', Y.XmlText));
  return Y.encodeStateAsUpdate(copy, before);
}

const first = (root: Y.XmlText, type: string): Y.XmlText => nodesOfType(root, type)[0] as Y.XmlText;

function node(type: string, attributes: Record<string, unknown> = {}): Y.XmlText {
  const made = new Y.XmlText();
  made.setAttribute('__type', type);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value as string);
  return made;
}

const CELL = { __colSpan: 1, __rowSpan: 1, __headerState: 0, __backgroundColor: null };

const HOSTILE: Array<[string, (root: Y.XmlText) => void]> = [
  ['a cell straight in the root', (root) => root.insertEmbed(0, node('tablecell', CELL))],
  ['a cell inside a paragraph', (root) => first(root, 'paragraph').insertEmbed(0, node('tablecell', CELL))],
  ['a row straight in the root', (root) => root.insertEmbed(0, node('tablerow'))],
  ['a table inside a cell', (root) => first(root, 'tablecell').insertEmbed(0, node('table'))],
  ['a paragraph straight in a row', (root) => first(root, 'tablerow').insertEmbed(0, node('paragraph'))],
  ['characters straight in a row', (root) => first(root, 'tablerow').insert(0, 'x')],
  ['characters straight in a table', (root) => first(root, 'table').insert(0, 'x')],
  ['a column span of 0', (root) => first(root, 'tablecell').setAttribute('__colSpan', 0 as never)],
  ['a column span of a million', (root) => first(root, 'tablecell').setAttribute('__colSpan', 1e6 as never)],
  ['a row span of 101', (root) => first(root, 'tablecell').setAttribute('__rowSpan', 101 as never)],
  ['a fractional span', (root) => first(root, 'tablecell').setAttribute('__rowSpan', 1.5 as never)],
  ['a span given as text', (root) => first(root, 'tablecell').setAttribute('__colSpan', '2')],
  ['a header state out of range', (root) => first(root, 'tablecell').setAttribute('__headerState', 4 as never)],
  ['a cell colour', (root) => first(root, 'tablecell').setAttribute('__backgroundColor', 'url(https://e.x/b)')],
  ['a negative cell width', (root) => first(root, 'tablecell').setAttribute('__width', -5 as never)],
  ['a cell a mile wide', (root) => first(root, 'tablecell').setAttribute('__width', 1e9 as never)],
  ['column widths that are not numbers', (root) => first(root, 'table').setAttribute('__colWidths', ['x'] as never)],
  ['a cell property on a row', (root) => first(root, 'tablerow').setAttribute('__colSpan', 1 as never)],
  ['an alignment Lexical does not have', (root) => first(root, 'paragraph').setAttribute('__format', 7 as never)],
  ['a code language that is not text', (root) => first(root, 'code').setAttribute('__language', 5 as never)],
  ['a rule stored as an XmlText', (root) => root.insertEmbed(0, node('horizontalrule'))],
  [
    'a rule inside a paragraph',
    (root) => {
      const rule = new Y.XmlElement();
      rule.setAttribute('__type', 'horizontalrule');
      first(root, 'paragraph').insertEmbed(0, rule);
    },
  ],
  [
    'a rule holding content',
    (root) => (nodesOfType(root, 'horizontalrule')[0] as unknown as Y.XmlElement).insert(0, [new Y.XmlText('x')]),
  ],
  [
    'a rule with a property it does not have',
    (root) => (nodesOfType(root, 'horizontalrule')[0] as unknown as Y.XmlElement).setAttribute('__style', 'x'),
  ],
];

describe('tables, rules, code languages and alignment in updates (issue #22)', () => {
  it('accepts every edit the editor makes, one by one and as one state', () => {
    const { updates, session } = recordBlockEdits();
    const doc = new Y.Doc();
    for (const update of updates) {
      expect(() => checkUpdateStructure(update, doc)).not.toThrow();
      Y.applyUpdate(doc, update);
    }
    expect(() => checkUpdateStructure(Y.encodeStateAsUpdate(doc), new Y.Doc())).not.toThrow();
    const json = session.editor.getEditorState().toJSON().root.children;
    expect(json.map((block) => block.type)).toEqual(['paragraph', 'table', 'code']);
    expect(json[0]).toMatchObject({ format: 'justify' });
    expect(json[2]).toMatchObject({ language: 'python' });
    session.dispose();
  });

  it.each(HOSTILE)('refuses %s', (_, attack) => {
    const { session } = recordBlockEdits();
    session.editor.update(() => $getRoot().append($createHorizontalRuleNode()), { discrete: true });
    const doc = session.doc;
    expect(() => checkUpdateStructure(change(doc, attack), doc)).toThrow(/invalid update/);
    session.dispose();
  });
});
