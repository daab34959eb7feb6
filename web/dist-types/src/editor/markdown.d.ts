import { type Transformer } from '@lexical/markdown';
/**
 * Markdown typed as you write (`# `, `> `, `- `, `1. `, `[ ] `, ``` ``` ```, `**bold**`,
 * `~~strike~~`, `[text](url)`). Highlight is left out: the toolbar has no highlight, and
 * a mark nobody can remove from the toolbar would surprise people. The check list comes
 * before the bullet list, whose pattern would otherwise claim `- [ ] `.
 */
export declare const MARKDOWN_SHORTCUTS: Transformer[];
