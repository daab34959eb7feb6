/**
 * A code block holds only text, tabs, line breaks and links (shared/src/node-schema.ts).
 * Lexical's paste into a code block splices whatever the clipboard's HTML made into it:
 * the paragraphs of a Google Docs or Word paste, a list, a table, an image (its
 * `insertNodes`, "CASE 1"). The server refuses such an update (1003 "node paragraph inside
 * code") and keeps refusing it at every reconnect, so the pasting person's page stops with
 * "Changes refused" and everything they type afterwards reaches nobody (issue #19, fuzz
 * seed 4). This node transform, run in the same update before the binding writes to Yjs,
 * turns each such block into its text, one line per line (what a code block can show),
 * and moves pictures and rules, which a code block cannot hold, to just after it.
 */
import type { CodeNode } from '@lexical/code';
import { nodeSchema } from '@quire/shared';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getSelection,
  $isDecoratorNode,
  $isElementNode,
  $isLineBreakNode,
  $isRangeSelection,
  $isTextNode,
  type LexicalNode,
} from 'lexical';

/** Whether a code block may hold `node` as a child. */
const fitsInCode = (node: LexicalNode): boolean => nodeSchema(node.getType())?.parents.has('code') === true;

export function $keepCodeBlockInline(code: CodeNode): void {
  for (const child of code.getChildren()) {
    if (!fitsInCode(child)) $flattenIntoCode(code, child);
  }
}

function $flattenIntoCode(code: CodeNode, block: LexicalNode): void {
  $moveDecoratorsAfter(code, block);
  if (!block.getParent()?.is(code)) return;
  const hadCaret = $isCaretIn(block);
  const nodes = $linesOf(block);
  for (const node of nodes) block.insertBefore(node);
  block.remove();
  const last = nodes.at(-1);
  if (!hadCaret || last === undefined) return;
  if ($isTextNode(last)) last.selectEnd();
  else last.selectNext(0, 0);
}

/** The block's text as text and line-break nodes, starting and ending a line of its own. */
function $linesOf(block: LexicalNode): LexicalNode[] {
  const nodes: LexicalNode[] = [];
  const previous = block.getPreviousSibling();
  if (previous !== null && !$isLineBreakNode(previous)) nodes.push($createLineBreakNode());
  // Blocks nested in the pasted one (list items, table cells) come separated by blank lines.
  block
    .getTextContent()
    .split(/\n\n?/)
    .forEach((line, index) => {
      if (index > 0) nodes.push($createLineBreakNode());
      if (line !== '') nodes.push($createTextNode(line));
    });
  const next = block.getNextSibling();
  if (next !== null && fitsInCode(next) && !$isLineBreakNode(next)) nodes.push($createLineBreakNode());
  return nodes;
}

/** Pictures and rules in `block` go after the code block, in their order; inline ones in a paragraph. */
function $moveDecoratorsAfter(code: CodeNode, block: LexicalNode): void {
  const decorators = $decoratorsIn(block);
  if (decorators.length === 0) return;
  let anchor: LexicalNode = code;
  for (const decorator of decorators) {
    const placed = decorator.isInline() ? $createParagraphNode().append(decorator) : decorator;
    anchor = anchor.insertAfter(placed);
  }
}

function $decoratorsIn(node: LexicalNode): LexicalNode[] {
  if ($isDecoratorNode(node)) return [node];
  return $isElementNode(node) ? node.getChildren().flatMap($decoratorsIn) : [];
}

function $isCaretIn(block: LexicalNode): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return false;
  const node = selection.focus.getNode();
  return node.is(block) || ($isElementNode(block) && block.isParentOf(node));
}
