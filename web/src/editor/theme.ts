import type { EditorThemeClasses } from 'lexical';

/** Remote carets and their name flags, as the collaboration binding renders them. */
export const REMOTE_CARET_CLASS = 'q-remote-caret';
export const REMOTE_NAME_CLASS = 'q-remote-name';

/** Class names for editor content; the styles live in styles/editor.css (images in styles/images.css). */
export const EDITOR_THEME: EditorThemeClasses = {
  paragraph: 'q-p',
  heading: { h1: 'q-h1', h2: 'q-h2', h3: 'q-h3' },
  quote: 'q-quote',
  code: 'q-code-block',
  hr: 'q-hr',
  table: 'q-table',
  tableRow: 'q-table-row',
  tableCell: 'q-table-cell',
  tableCellHeader: 'q-table-cell-header',
  tableCellSelected: 'q-table-cell-selected',
  tableSelection: 'q-table-selection',
  link: 'q-link',
  image: 'q-image',
  list: {
    ul: 'q-ul',
    ol: 'q-ol',
    checklist: 'q-checklist',
    listitem: 'q-li',
    listitemChecked: 'q-li-checked',
    listitemUnchecked: 'q-li-unchecked',
    nested: { listitem: 'q-li-nested' },
  },
  text: {
    bold: 'q-bold',
    italic: 'q-italic',
    underline: 'q-underline',
    strikethrough: 'q-strike',
    underlineStrikethrough: 'q-underline-strike',
    code: 'q-code',
  },
  collaboration: {
    cursor: REMOTE_CARET_CLASS,
    cursorName: REMOTE_NAME_CLASS,
    selection: 'q-remote-selection',
    selectionBg: 'q-remote-selection-bg',
  },
};
