import { $isLinkNode } from '@lexical/link';
import { safeLinkAttributes } from '@quire/shared';
import { $normalizeTablePart } from '@quire/shared/lexical';
import { $getRoot, $isElementNode, $isTextNode, type LexicalNode } from 'lexical';
import { $isImageNode } from '@quire/shared/lexical';
import { $placeImage } from './images.js';

/**
 * Content that did not come through the editor is made to look like what the editor
 * writes (issue #18, findings 4 and 9), on the way in (HTML and Markdown imports) and on
 * the way out (HTML and Markdown exports, which may read documents stored before updates
 * were checked): no inline styles (the editor writes none, and a style is a fixed
 * overlay or a `url()` beacon away), link URLs the way Lexical renders them (anything but
 * http, https, mailto, sms and tel becomes `about:blank`), safe link target and rel, table
 * cells without colour and with bounded spans, and images only where the editor puts them
 * (`images.ts`).
 */
export function $sanitizeTree({ escapeMarkup = false }: { escapeMarkup?: boolean } = {}): void {
  const pending: LexicalNode[] = [$getRoot()];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    $sanitizeNode(node, escapeMarkup);
    if ($isElementNode(node)) pending.push(...node.getChildren());
  }
}

function $sanitizeNode(node: LexicalNode, escapeMarkup: boolean): void {
  if ($isTextNode(node)) {
    if (node.getStyle() !== '') node.setStyle('');
    if (escapeMarkup && !node.hasFormat('code') && node.getParent()?.getType() !== 'code') {
      const text = node.getTextContent();
      const escaped = escapeMarkdownHtml(text);
      if (escaped !== text) node.setTextContent(escaped);
    }
    return;
  }
  if ($isImageNode(node)) return $placeImage(node);
  if (!$isElementNode(node)) return;
  $normalizeTablePart(node);
  if (node.getStyle() !== '') node.setStyle('');
  if (node.getTextStyle() !== '') node.setTextStyle('');
  if ($isLinkNode(node)) {
    const url = node.sanitizeUrl(node.getURL());
    if (url !== node.getURL()) node.setURL(url);
    const { target, rel } = safeLinkAttributes(node.getTarget(), node.getRel());
    if (target !== node.getTarget()) node.setTarget(target);
    if (rel !== node.getRel()) node.setRel(rel);
  }
}

/**
 * Text for a Markdown renderer that must not start an HTML tag or turn into another
 * character: `<` and character references are written as numeric references, which every
 * renderer (and Lexical's Markdown import) reads back as the plain characters.
 */
export function escapeMarkdownHtml(text: string): string {
  return text.replace(/&(?=#\d+;|#[Xx][\dA-Fa-f]+;|[A-Za-z][\dA-Za-z]*;)/g, '&#38;').replace(/</g, '&#60;');
}
