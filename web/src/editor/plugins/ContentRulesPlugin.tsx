import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { mergeRegister } from '@lexical/utils';
import { ElementNode, ParagraphNode, TabNode, TextNode, type Klass, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { safeLinkAttributes } from '@quire/shared';
import { $normalizeTablePart } from '@quire/shared/lexical';
import { $keepCodeBlockInline } from './code-block-rules.js';
import { $keepLinkToText } from './link-rules.js';
import { $keepListItemInline } from './list-item-rules.js';

/**
 * Keeps the document within what the server accepts (shared/src/node-schema.ts, issue #18):
 * no inline styles anywhere and safe link targets. Typing never produces either, but a paste
 * of HTML from another page (Google Docs, Word, any site) can bring `style` attributes or a
 * link with `target="_new"` / `rel="opener"`, or a table with cell colours and huge spans
 * (issue #22), and a link made over a picture or a rule holds it (link-rules.ts); the server
 * would refuse such an update and close this editor's connection. Node transforms clean the
 * nodes in the same update, before the collaboration binding writes them to Yjs.
 */
const TEXT_CLASSES: ReadonlyArray<Klass<TextNode>> = [TextNode, CodeHighlightNode, TabNode];
const ELEMENT_CLASSES: ReadonlyArray<Klass<ElementNode>> = [
  ParagraphNode,
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  CodeNode,
  LinkNode,
  AutoLinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
];

export function ContentRulesPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerContentRules(editor), [editor]);
  return null;
}

export function registerContentRules(editor: LexicalEditor): () => void {
  return mergeRegister(
    ...TEXT_CLASSES.map((klass) => editor.registerNodeTransform(klass, $dropTextStyle)),
    ...ELEMENT_CLASSES.map((klass) => editor.registerNodeTransform(klass, $dropElementStyles)),
    editor.registerNodeTransform(LinkNode, $makeLinkSafe),
    editor.registerNodeTransform(AutoLinkNode, $makeLinkSafe),
    editor.registerNodeTransform(LinkNode, $keepLinkToText),
    editor.registerNodeTransform(CodeNode, $keepCodeBlockInline),
    editor.registerNodeTransform(ListItemNode, $keepListItemInline),
    ...[TableNode, TableRowNode, TableCellNode].map((klass) =>
      editor.registerNodeTransform(klass, $normalizeTablePart),
    ),
  );
}

function $dropTextStyle(node: TextNode): void {
  if (node.getStyle() !== '') node.setStyle('');
}

function $dropElementStyles(node: ElementNode): void {
  if (node.getStyle() !== '') node.setStyle('');
  if (node.getTextStyle() !== '') node.setTextStyle('');
}

function $makeLinkSafe(node: LinkNode): void {
  const { target, rel } = safeLinkAttributes(node.getTarget(), node.getRel());
  if (node.getTarget() !== target) node.setTarget(target);
  if (node.getRel() !== rel) node.setRel(rel);
}
