import type { LexicalEditor } from 'lexical';
import type { JSX } from 'react';
import type { ToolbarStatus } from './toolbar-hooks.js';

/** What a toolbar button shows and does. */
export interface ButtonSpec {
  label: string;
  /** False for actions that do not stay on (undo, redo, the link field). */
  isToggle?: boolean;
  shortcut: string;
  content: JSX.Element | string;
  /** Content that follows the selection (the code language), instead of `content`. */
  contentOf?(status: ToolbarStatus): JSX.Element | string;
  isActive(status: ToolbarStatus): boolean;
  isDisabled?(status: ToolbarStatus): boolean;
  run(editor: LexicalEditor, status: ToolbarStatus): void;
}
