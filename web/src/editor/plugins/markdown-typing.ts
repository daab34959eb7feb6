/**
 * The Markdown shortcuts typed in the editor: Quire's dialect (shared/lexical-markdown.ts),
 * except that `![alt](source)` becomes an image only when document `docName` may hold that
 * source (SPEC: Files (images)). Any other source would be taken out again at once (the
 * image nodes' guard, `image-nodes.ts`) together with what was typed, so it stays text,
 * exactly as typed, with the caret after it.
 */
import type { TextMatchTransformer, Transformer } from '@lexical/markdown';
import { isAllowedImageSrc } from '@quire/shared';
import { IMAGE, QUIRE_MARKDOWN } from '@quire/shared/markdown';

export function typingMarkdown(docName: string): Transformer[] {
  return QUIRE_MARKDOWN.map((transformer) => (transformer === IMAGE ? imageShortcut(docName) : transformer));
}

function imageShortcut(docName: string): TextMatchTransformer {
  return {
    ...IMAGE,
    replace: (textNode, match) => {
      if (isAllowedImageSrc(match[2], docName)) return IMAGE.replace?.(textNode, match);
      // Claiming the match keeps the link shortcut from turning `[alt](source)` into a link
      // and leaving a stray `!`; the text is left as it is.
      textNode.select();
    },
  };
}
