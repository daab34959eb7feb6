/**
 * A list item holds only text, links, line breaks and nested lists
 * (shared/src/node-schema.ts). A Word paste of several paragraphs into a list item that
 * holds a nested list left the second paragraph inside the list item, after the nested list
 * (Lexical's `insertNodes`); the server refuses such an update (1003 "node paragraph inside
 * listitem") at every reconnect, so the pasting person's page stopped and nothing they
 * typed afterwards reached anyone (issue #19, fuzz seed 41 at 48 steps). This node
 * transform, in the same update before the binding writes to Yjs, moves each such block's
 * content into a list item of its own just after the one it was in.
 */
import { $createListItemNode, type ListItemNode } from '@lexical/list';
import { nodeSchema } from '@quire/shared';
import { $isElementNode, type LexicalNode } from 'lexical';

/** A block a list item may not hold (a paragraph, heading, quote, code block, table...). */
const isStrayBlock = (node: LexicalNode): boolean =>
  $isElementNode(node) && !node.isInline() && nodeSchema(node.getType())?.parents.has('listitem') !== true;

export function $keepListItemInline(item: ListItemNode): void {
  let after: ListItemNode = item;
  for (const child of item.getChildren().filter(isStrayBlock)) {
    const moved = $createListItemNode();
    moved.append(...(child as unknown as { getChildren: () => LexicalNode[] }).getChildren());
    after.insertAfter(moved);
    child.remove();
    after = moved;
  }
}
