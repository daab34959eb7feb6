/**
 * Behaviour of tables, rules and code blocks (issue #22): Lexical's table plugin (Tab and
 * Shift+Tab between cells, pasted HTML tables, no cell colours), Tab in the last cell adding
 * a row, the horizontal rule command, selecting a rule by clicking it, and the colouring of code.
 */
import { $createHorizontalRuleNode, INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/extension';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import {
  $getTableCellNodeFromLexicalNode,
  $findTableNode,
  $insertTableRowAtNode,
  $isTableCellNode,
  $isTableRowNode,
} from '@lexical/table';
import { $insertNodeToNearestRoot, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_CRITICAL,
  KEY_TAB_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { useEffect, type JSX } from 'react';
import { forgetCode, highlightCode } from '../code-highlight.js';
import { EDITOR_THEME } from '../theme.js';
import { registerRuleSelection } from './rule-selection.js';
import { registerTabAtRoot } from './tab-at-root.js';

export function BlockPlugins(): JSX.Element {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerBlockBehaviour(editor), [editor]);
  return <TablePlugin hasCellBackgroundColor={false} hasTabHandler />;
}

function registerBlockBehaviour(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerCommand(
      INSERT_HORIZONTAL_RULE_COMMAND,
      () => {
        if (!$isRangeSelection($getSelection())) return false;
        $insertNodeToNearestRoot($createHorizontalRuleNode());
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    // Before the table plugin's own Tab handler, which stops in the last cell.
    editor.registerCommand(
      KEY_TAB_COMMAND,
      (event) => !event.shiftKey && $addRowAfterLastCell(event),
      COMMAND_PRIORITY_CRITICAL,
    ),
    registerRuleSelection(editor),
    registerTabAtRoot(editor),
    registerCodeColours(editor),
  );
}

/** Tab in a table's last cell adds a row and moves into its first cell. */
function $addRowAfterLastCell(event: KeyboardEvent): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
  const cell = $getTableCellNodeFromLexicalNode(selection.anchor.getNode());
  const table = cell && $findTableNode(cell);
  const lastRow = table?.getLastChild();
  if (!cell || !$isTableRowNode(lastRow) || lastRow.getLastChild() !== cell) return false;
  const row = $insertTableRowAtNode(cell, true);
  const first = row?.getFirstChild();
  if (!$isTableCellNode(first)) return false;
  event.preventDefault();
  first.selectStart();
  return true;
}

function registerCodeColours(editor: LexicalEditor): () => void {
  const selector = `.${String(EDITOR_THEME.code)}`;
  let frame: number | null = null;
  const schedule = (): void => {
    if (frame !== null) return;
    frame = requestAnimationFrame(() => {
      frame = null;
      const root = editor.getRootElement();
      if (root !== null) highlightCode(root, selector);
    });
  };
  let root: HTMLElement | null = null;
  return mergeRegister(
    editor.registerUpdateListener(schedule),
    editor.registerRootListener((next) => {
      if (root !== null) forgetCode(root);
      root = next;
    }),
    () => {
      if (frame !== null) cancelAnimationFrame(frame);
      if (root !== null) forgetCode(root);
    },
  );
}
