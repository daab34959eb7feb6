/**
 * Toolbar and shortcut actions. Each one is a single editor update or command, so the
 * collaboration binding writes it as one Yjs transaction and one undo step.
 */
import { $createCodeNode } from '@lexical/code';
import { TOGGLE_LINK_COMMAND } from '@lexical/link';
import {
  INSERT_CHECK_LIST_COMMAND,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $getSelection,
  createCommand,
  type ElementNode,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import type { BlockType } from './toolbar-state.js';

/** Asks the toolbar to open its link field (toolbar button or Mod+K). */
export const OPEN_LINK_EDITOR_COMMAND: LexicalCommand<void> = createCommand('OPEN_LINK_EDITOR');

const LIST_COMMANDS = {
  bullet: INSERT_UNORDERED_LIST_COMMAND,
  number: INSERT_ORDERED_LIST_COMMAND,
  check: INSERT_CHECK_LIST_COMMAND,
} as const;

function blockFactory(type: Exclude<BlockType, 'bullet' | 'number' | 'check'>): () => ElementNode {
  switch (type) {
    case 'paragraph':
      return $createParagraphNode;
    case 'quote':
      return $createQuoteNode;
    case 'code':
      return () => $createCodeNode();
    default:
      return () => $createHeadingNode(type);
  }
}

/**
 * Turns the selected blocks into `target`. Choosing the block type that is already
 * active turns it back into a paragraph, like the toggles in other editors.
 */
export function setBlockType(editor: LexicalEditor, current: BlockType, target: BlockType): void {
  const next = current === target && target !== 'paragraph' ? 'paragraph' : target;
  if (next === 'bullet' || next === 'number' || next === 'check') {
    editor.dispatchCommand(LIST_COMMANDS[next], undefined);
    return;
  }
  if (current === 'bullet' || current === 'number' || current === 'check') {
    if (next === 'paragraph') {
      editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
      return;
    }
  }
  editor.update(() => $setBlocksType($getSelection(), blockFactory(next)));
}

/** Accepts what people paste or type: bare domains get https://, dangerous schemes none. */
export function normalizeLinkUrl(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.length === 0) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return isSafeLinkUrl(withScheme) ? withScheme : null;
}

export function isSafeLinkUrl(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function applyLink(editor: LexicalEditor, url: string | null): void {
  editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
}
