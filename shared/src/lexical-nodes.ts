import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';
import { ImageNode } from './image-node.js';

/**
 * The Lexical node classes a Quire document may contain (SPEC: Web, Editor). The browser
 * editor and the server's headless conversions (seeding, export) register exactly this
 * list: a node type missing on one side would be dropped when the Yjs tree is read there.
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
  ImageNode,
];

export { ImageNode, $createImageNode, $isImageNode, clampWidth, type SerializedImageNode } from './image-node.js';
