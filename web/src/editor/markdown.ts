import {
  CHECK_LIST,
  ELEMENT_TRANSFORMERS,
  HIGHLIGHT,
  MULTILINE_ELEMENT_TRANSFORMERS,
  TEXT_FORMAT_TRANSFORMERS,
  TEXT_MATCH_TRANSFORMERS,
  type Transformer,
} from '@lexical/markdown';

/**
 * Markdown typed as you write (`# `, `> `, `- `, `1. `, `[ ] `, ``` ``` ```, `**bold**`,
 * `~~strike~~`, `[text](url)`). Highlight is left out: the toolbar has no highlight, and
 * a mark nobody can remove from the toolbar would surprise people. The check list comes
 * before the bullet list, whose pattern would otherwise claim `- [ ] `.
 */
export const MARKDOWN_SHORTCUTS: Transformer[] = [
  CHECK_LIST,
  ...ELEMENT_TRANSFORMERS,
  ...MULTILINE_ELEMENT_TRANSFORMERS,
  ...TEXT_FORMAT_TRANSFORMERS.filter((transformer) => transformer !== HIGHLIGHT),
  ...TEXT_MATCH_TRANSFORMERS,
];
