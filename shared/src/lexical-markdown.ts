import {
  CHECK_LIST,
  ELEMENT_TRANSFORMERS,
  HIGHLIGHT,
  MULTILINE_ELEMENT_TRANSFORMERS,
  TEXT_FORMAT_TRANSFORMERS,
  TEXT_MATCH_TRANSFORMERS,
  type Transformer,
} from '@lexical/markdown';
import { IMAGE } from './image-markdown.js';

/**
 * The Markdown dialect of Quire documents: the editor's typing shortcuts (`# `, `> `,
 * `- `, `1. `, `[ ] `, fenced code, `**bold**`, `~~strike~~`, `[text](url)`) and the
 * server's Markdown import and export use this one list, so what one side writes the
 * other reads back. Highlight is left out: the toolbar has no highlight, and a mark nobody
 * can remove from the toolbar would surprise people. The check list comes before the
 * bullet list, whose pattern would otherwise claim `- [ ] `.
 */
export const QUIRE_MARKDOWN: Transformer[] = [
  CHECK_LIST,
  ...ELEMENT_TRANSFORMERS,
  ...MULTILINE_ELEMENT_TRANSFORMERS,
  ...TEXT_FORMAT_TRANSFORMERS.filter((transformer) => transformer !== HIGHLIGHT),
  IMAGE,
  ...TEXT_MATCH_TRANSFORMERS,
];
