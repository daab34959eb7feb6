/**
 * A link holds only text, tabs and line breaks; pictures and rules sit outside links
 * (shared/src/node-schema.ts). Lexical's `$toggleLink` wraps whatever the selection holds: a
 * rule picked by a click (a node selection, rule-selection.ts) linked with Ctrl+K became
 * `link > horizontalrule`, and a selection across a picture put the picture in the link. The
 * server refuses such an update (1003 `node "horizontalrule" inside "link"`) at every
 * reconnect, so the linking person's page stopped and nothing they did afterwards reached
 * anyone (issue #19, fuzz seed 165 with all actions). This node transform, in the same update
 * before the binding writes to Yjs, splits a link around each child it may not hold: a picture
 * stays in its line between the two halves, a rule goes where the link was when the link's
 * parent may hold it (a picked rule linked stays as it was), else after the link's block.
 */
import type { LinkNode } from '@lexical/link';
import { nodeSchema } from '@quire/shared';
import { $copyNode, type ElementNode, type LexicalNode } from 'lexical';

/** Whether `parent` may hold `node` as a child. */
const fitsIn = (node: LexicalNode, parent: ElementNode): boolean =>
  nodeSchema(node.getType())?.parents.has(parent.getType()) === true;

export function $keepLinkToText(link: LinkNode): void {
  const stray = link.getChildren().find((child) => !fitsIn(child, link));
  if (stray === undefined) return;
  const following = stray.getNextSiblings();
  if (following.length > 0) link.insertAfter($copyNode(link).append(...following));
  $placeAfter(link, stray);
  if (link.isEmpty()) link.remove();
}

/** Puts `stray` just after `link`, or after the first of its ancestors whose parent may hold it. */
function $placeAfter(link: LinkNode, stray: LexicalNode): void {
  let at: LexicalNode = link;
  let parent = link.getParent();
  while (parent !== null && !fitsIn(stray, parent)) {
    at = parent;
    parent = parent.getParent();
  }
  at.insertAfter(stray);
}
