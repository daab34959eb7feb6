import {
  CHECK_LIST,
  ELEMENT_TRANSFORMERS,
  HIGHLIGHT,
  MULTILINE_ELEMENT_TRANSFORMERS,
  TEXT_FORMAT_TRANSFORMERS,
  TEXT_MATCH_TRANSFORMERS,
  type Transformer,
} from '@lexical/markdown';
import { HORIZONTAL_RULE } from './markdown-rule.js';
import { gfmTable } from './markdown-table.js';
import { IMAGE } from './image-markdown.js';

/**
 * The Markdown dialect of Quire documents: the editor's typing shortcuts (`# `, `> `,
 * `- `, `1. `, `[ ] `, `---`, fenced code, `**bold**`, `~~strike~~`, `[text](url)`) and
 * the server's Markdown import and export use this one list, so what one side writes the
 * other reads back. Highlight is left out: the toolbar has no highlight, and a mark nobody
 * can remove from the toolbar would surprise people. The check list comes before the
 * bullet list, whose pattern would otherwise claim `- [ ] `, and the rule before both,
 * since `***` would otherwise start a list. Tables are GFM tables (`markdown-table.ts`)
 * whose cells use this same dialect.
 */
export const QUIRE_MARKDOWN: Transformer[] = [
  HORIZONTAL_RULE,
  CHECK_LIST,
  ...ELEMENT_TRANSFORMERS,
  gfmTable(() => QUIRE_MARKDOWN),
  ...MULTILINE_ELEMENT_TRANSFORMERS,
  ...TEXT_FORMAT_TRANSFORMERS.filter((transformer) => transformer !== HIGHLIGHT),
  IMAGE,
  ...TEXT_MATCH_TRANSFORMERS,
];

export { IMAGE } from './image-markdown.js';
