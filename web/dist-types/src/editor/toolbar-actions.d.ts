import { type LexicalCommand, type LexicalEditor } from 'lexical';
import type { BlockType } from './toolbar-state.js';
/** Asks the toolbar to open its link field (toolbar button or Mod+K). */
export declare const OPEN_LINK_EDITOR_COMMAND: LexicalCommand<void>;
/**
 * Turns the selected blocks into `target`. Choosing the block type that is already
 * active turns it back into a paragraph, like the toggles in other editors.
 */
export declare function setBlockType(editor: LexicalEditor, current: BlockType, target: BlockType): void;
/** Accepts what people paste or type: bare domains get https://, dangerous schemes none. */
export declare function normalizeLinkUrl(raw: string): string | null;
export declare function isSafeLinkUrl(url: string): boolean;
export declare function applyLink(editor: LexicalEditor, url: string | null): void;
