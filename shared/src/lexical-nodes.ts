import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { HorizontalRuleNode } from '@lexical/extension';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import type { Klass, LexicalNode } from 'lexical';
import { ImageNode } from './image-node.js';

/**
 * The Lexical node classes a Quire document may contain (SPEC: Web, Editor). The browser
 * editor and the server's headless conversions (seeding, export) register exactly this
 * list: a node type missing on one side would be dropped when the Yjs tree is read there.
 * The horizontal rule is `@lexical/extension`'s, which has no React in it, so the server
 * registers the very class the browser does.
 */
export const QUIRE_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  CodeNode,
  CodeHighlightNode,
  LinkNode,
  AutoLinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  HorizontalRuleNode,
  ImageNode,
];

export { $normalizeTablePart, TABLE_HTML_IMPORT } from './table-cells.js';
export { ImageNode, $createImageNode, $isImageNode, clampWidth, type SerializedImageNode } from './image-node.js';
