import { $createHorizontalRuleNode, $isHorizontalRuleNode, HorizontalRuleNode } from '@lexical/extension';
import type { ElementTransformer } from '@lexical/markdown';

/**
 * The thematic break: `---`, `***` or `___` on a line of their own on import, and typed
 * in the editor followed by a space or Enter. Written back as `---` (Markdown export puts a
 * blank line between blocks, so it never turns the line above into a heading).
 */
export const HORIZONTAL_RULE: ElementTransformer = {
  type: 'element',
  dependencies: [HorizontalRuleNode],
  regExp: /^(---|\*\*\*|___)\s?$/,
  triggerOnEnter: true,
  export: (node) => ($isHorizontalRuleNode(node) ? '---' : null),
  replace: (parentNode, _children, _match, isImport) => {
    const rule = $createHorizontalRuleNode();
    // Typed at the end of the document: keep a paragraph after the rule to write in.
    if (isImport || parentNode.getNextSibling() !== null) parentNode.replace(rule);
    else parentNode.insertBefore(rule);
    rule.selectNext();
  },
};
