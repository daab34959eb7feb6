/**
 * What the toolbar shows as active for the current selection (issue 3: active states).
 * Pure reads of the editor state; the Toolbar re-runs them on every update.
 */
import { $isCodeNode } from '@lexical/code';
import { $isLinkNode } from '@lexical/link';
import { $isListNode, ListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $getNearestNodeOfType } from '@lexical/utils';
import { $selectedTable, $tableHasHeaderRow } from './block-actions.js';
import {
  $findMatchingParent,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  type ElementFormatType,
  type LexicalNode,
  type TextFormatType,
} from 'lexical';

export type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'code' | 'bullet' | 'number' | 'check';

export const INLINE_FORMATS = ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const;
export type InlineFormat = (typeof INLINE_FORMATS)[number] & TextFormatType;

export interface ToolbarState {
  blockType: BlockType;
  formats: ReadonlySet<InlineFormat>;
  isLink: boolean;
  linkUrl: string;
  /** The alignment of the caret's block; '' is the default (start). */
  alignment: ElementFormatType;
  /** Whether the caret is in a table cell, and whether that table has a header row. */
  isInTable: boolean;
  hasHeaderRow: boolean;
  /** The language of the caret's code block, as stored (`undefined`: plain text). */
  codeLanguage: string | undefined;
}

export const EMPTY_TOOLBAR_STATE: ToolbarState = {
  blockType: 'paragraph',
  formats: new Set(),
  isLink: false,
  linkUrl: '',
  alignment: '',
  isInTable: false,
  hasHeaderRow: false,
  codeLanguage: undefined,
};

function $topLevelBlock(node: LexicalNode): LexicalNode {
  if ($isRootOrShadowRoot(node)) return node;
  return (
    $findMatchingParent(node, (candidate) => {
      const parent = candidate.getParent();
      return parent !== null && $isRootOrShadowRoot(parent);
    }) ?? node
  );
}

function $blockTypeOf(anchor: LexicalNode): BlockType {
  const block = $topLevelBlock(anchor);
  if ($isListNode(block)) {
    // Nested lists can differ from the outer one; the innermost is what the caret is in.
    const list = $getNearestNodeOfType(anchor, ListNode) ?? block;
    return list.getListType();
  }
  if ($isHeadingNode(block)) {
    const tag = block.getTag();
    return tag === 'h1' || tag === 'h2' || tag === 'h3' ? tag : 'h3';
  }
  if ($isQuoteNode(block)) return 'quote';
  if ($isCodeNode(block)) return 'code';
  return 'paragraph';
}

export function $readToolbarState(): ToolbarState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return EMPTY_TOOLBAR_STATE;
  const anchor = selection.anchor.getNode();
  const link = $findMatchingParent(anchor, $isLinkNode);
  const block = $topLevelBlock(anchor);
  const table = $selectedTable();
  return {
    blockType: $blockTypeOf(anchor),
    formats: new Set(INLINE_FORMATS.filter((format) => selection.hasFormat(format))),
    isLink: link !== null,
    linkUrl: link !== null && $isLinkNode(link) ? link.getURL() : '',
    alignment: $isElementNode(block) ? block.getFormatType() : '',
    isInTable: table !== null,
    hasHeaderRow: table !== null && $tableHasHeaderRow(table),
    codeLanguage: $isCodeNode(block) ? (block.getLanguage() ?? undefined) : undefined,
  };
}
