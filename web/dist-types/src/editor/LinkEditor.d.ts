import { type JSX } from 'react';
/**
 * The link field under the toolbar, opened by the Link button or Mod+K. Lexical keeps
 * the document selection while focus is in this field, so the link lands on the text
 * that was selected when it opened.
 */
export declare function LinkEditor({ currentUrl }: {
    currentUrl: string;
}): JSX.Element | null;
