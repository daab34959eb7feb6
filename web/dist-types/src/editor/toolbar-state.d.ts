import { type TextFormatType } from 'lexical';
export type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'code' | 'bullet' | 'number' | 'check';
export declare const INLINE_FORMATS: readonly ["bold", "italic", "underline", "strikethrough", "code"];
export type InlineFormat = (typeof INLINE_FORMATS)[number] & TextFormatType;
export interface ToolbarState {
    blockType: BlockType;
    formats: ReadonlySet<InlineFormat>;
    isLink: boolean;
    linkUrl: string;
}
export declare const EMPTY_TOOLBAR_STATE: ToolbarState;
export declare function $readToolbarState(): ToolbarState;
