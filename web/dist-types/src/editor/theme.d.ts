import type { EditorThemeClasses } from 'lexical';
/** Class names for editor content; the styles live in styles/editor.css. */
export declare const EDITOR_THEME: EditorThemeClasses;
