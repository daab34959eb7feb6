/**
 * Horizontal rules are picked by clicking them, as in the Lexical playground: a click
 * selects the rule as a node (Shift+click adds it to, or takes it out of, a selection of
 * nodes), the selected rule is drawn with a ring, and the rich-text plugin's own handling
 * of node selections does the rest: Backspace and Delete remove it, the arrow keys move on
 * past it into the text around it.
 */
import { $isHorizontalRuleNode } from '@lexical/extension';
import { mergeRegister } from '@lexical/utils';
import {
  $createNodeSelection,
  $getNodeFromDOMNode,
  $getSelection,
  $isNodeSelection,
  $setSelection,
  CLICK_COMMAND,
  COMMAND_PRIORITY_LOW,
  isDOMNode,
  type EditorState,
  type LexicalEditor,
  type NodeKey,
} from 'lexical';

/** The class a selected rule's `<hr>` carries (styles/blocks.css). */
const SELECTED = 'selected';

export function registerRuleSelection(editor: LexicalEditor): () => void {
  let marked = new Set<NodeKey>();
  const mark = (editorState: EditorState): void => {
    const selected = editorState.read($selectedRules);
    for (const key of marked) if (!selected.has(key)) editor.getElementByKey(key)?.classList.remove(SELECTED);
    for (const key of selected) editor.getElementByKey(key)?.classList.add(SELECTED);
    marked = selected;
  };
  return mergeRegister(
    // Before the rich-text plugin's click handler, which would clear a node selection.
    editor.registerCommand(CLICK_COMMAND, $selectClickedRule, COMMAND_PRIORITY_LOW),
    editor.registerUpdateListener(({ editorState }) => mark(editorState)),
  );
}

function $selectClickedRule(event: MouseEvent): boolean {
  const node = isDOMNode(event.target) ? $getNodeFromDOMNode(event.target) : null;
  if (!$isHorizontalRuleNode(node)) return false;
  const key = node.getKey();
  const selection = $getSelection();
  if (event.shiftKey && $isNodeSelection(selection)) {
    if (selection.has(key)) selection.delete(key);
    else selection.add(key);
  } else {
    const only = $createNodeSelection();
    only.add(key);
    $setSelection(only);
  }
  return true;
}

function $selectedRules(): Set<NodeKey> {
  const selection = $getSelection();
  if (!$isNodeSelection(selection)) return new Set();
  return new Set(
    selection
      .getNodes()
      .filter($isHorizontalRuleNode)
      .map((node) => node.getKey()),
  );
}
