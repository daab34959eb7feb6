import type { TextMatchTransformer } from '@lexical/markdown';
import { $createImageNode, $isImageNode, ImageNode } from './image-node.js';

/**
 * `![alt](url)` in Quire's Markdown dialect (SPEC: Web). The width has no Markdown form, so
 * an export keeps source and alt text only. Alt text loses the brackets that would end it.
 * Listed before the link transformer, whose `[text](url)` would otherwise claim the tail.
 */
export const IMAGE: TextMatchTransformer = {
  dependencies: [ImageNode],
  export: (node) => ($isImageNode(node) ? `![${node.getAltText().replace(/[[\]]/g, '')}](${node.getSrc()})` : null),
  importRegExp: /!\[([^\]]*)\]\(([^()\s]+)\)/,
  regExp: /!\[([^\]]*)\]\(([^()\s]+)\)$/,
  replace: (textNode, match) => {
    const [, altText = '', src = ''] = match;
    textNode.replace($createImageNode({ src, altText }));
  },
  trigger: ')',
  type: 'text-match',
};
