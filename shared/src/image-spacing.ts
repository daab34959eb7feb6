import { $createTextNode, isInlineDomNode, type DOMConversionMap, type DOMConversionOutput } from 'lexical';

/**
 * The spaces beside an `<img>` in imported or pasted HTML. Lexical collapses white space
 * as browsers do, except that it takes an `<img>` for the end of a line, so
 * `see <img> here` came in as "see", the image, "here". A text node next to an image is
 * read here instead, with the same rule and the image counted as content on the line:
 * runs of white space become one space, dropped at the start and end of a line and after
 * text that already ends in a space. Text in `<pre>` (or `white-space: pre…`) keeps
 * Lexical's own reading. Registered for `#text` by ImageNode.importDOM.
 */

/** The little of the DOM read here (shared code is compiled without the DOM's types). */
interface DomNode {
  nodeName: string;
  nodeType: number;
  textContent: string | null;
  parentNode: DomNode | null;
  previousSibling: DomNode | null;
  nextSibling: DomNode | null;
  firstChild: DomNode | null;
  lastChild: DomNode | null;
  style?: { whiteSpace?: string };
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SPACES = /[ \t\r\n]+/g;

type DomText = Parameters<NonNullable<DOMConversionMap['#text']>>[0];

export function textBesideImage(domNode: DomText): ReturnType<NonNullable<DOMConversionMap['#text']>> {
  const node = domNode as unknown as DomNode;
  if (isPreformatted(node) || !(isImage(contentBeside(node, false)) || isImage(contentBeside(node, true)))) {
    return null;
  }
  return { conversion: () => convertText(node), priority: 1 };
}

function convertText(node: DomNode): DOMConversionOutput {
  let text = (node.textContent ?? '').replace(/\r/g, '').replace(SPACES, ' ');
  if (text.startsWith(' ')) {
    const before = contentBeside(node, false);
    if (before === null || (before.nodeType === TEXT_NODE && /[ \t\r\n]$/.test(before.textContent ?? ''))) {
      text = text.slice(1);
    }
  }
  if (text.endsWith(' ') && contentBeside(node, true) === null) text = text.slice(0, -1);
  return { node: text === '' ? null : $createTextNode(text) };
}

const isImage = (node: DomNode | null): boolean => node?.nodeName.toLowerCase() === 'img';

/**
 * The nearest image or text on the same line before (or after) `node`, or null at the
 * line's edge: a block, a `<br>` or any element Lexical does not read as inline. Going
 * forward, text that is only white space is passed over (it collapses into the space
 * being placed); going back, any text counts, as its last character decides.
 */
function contentBeside(node: DomNode, forward: boolean): DomNode | null {
  let next = stepInLine(node, forward);
  while (next !== null) {
    if (isImage(next)) return next;
    if (next.nodeType === TEXT_NODE) {
      const text = next.textContent ?? '';
      if (forward ? /[^ \t\r\n]/.test(text) : text.length > 0) return next;
      next = stepInLine(next, forward);
    } else if (next.nodeType !== ELEMENT_NODE) {
      next = stepInLine(next, forward);
    } else if (!isInlineDomNode(next as never)) {
      return null;
    } else {
      next = (forward ? next.firstChild : next.lastChild) ?? stepInLine(next, forward);
    }
  }
  return null;
}

/** The node after (or before) `node` in document order, leaving only inline parents. */
function stepInLine(node: DomNode, forward: boolean): DomNode | null {
  for (let current = node; ;) {
    const sibling = forward ? current.nextSibling : current.previousSibling;
    if (sibling !== null) return sibling;
    const parent = current.parentNode;
    if (parent === null || parent.nodeType !== ELEMENT_NODE || !isInlineDomNode(parent as never)) return null;
    current = parent;
  }
}

function isPreformatted(node: DomNode): boolean {
  for (let parent = node.parentNode; parent !== null; parent = parent.parentNode) {
    if (parent.nodeName.toLowerCase() === 'pre' || parent.style?.whiteSpace?.startsWith('pre')) return true;
  }
  return false;
}
