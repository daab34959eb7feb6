/**
 * Colours code blocks (issue #22) without touching the document: Prism's tokens become
 * ranges of the CSS Custom Highlight API, drawn by `::highlight()` rules in blocks.css.
 * Lexical's own highlighter rewrites code text into highlight nodes, which in a shared
 * document would make every person's editor write the same node changes to Yjs on every
 * keystroke; here colouring is private to each page. Browsers without the API show code
 * uncoloured.
 */
import { codeTokens, HIGHLIGHT_NAMES } from './code-languages.js';

const supportsHighlights = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS;

interface TextPiece {
  node: Text;
  start: number;
}

/** The text of a code element as Lexical sees it (`<br>` is a newline), and where each DOM text node starts. */
function textOf(element: HTMLElement): { text: string; pieces: TextPiece[] } {
  const pieces: TextPiece[] = [];
  let text = '';
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node instanceof Text) {
      pieces.push({ node, start: text.length });
      text += node.data;
    } else if (node.nodeName === 'BR') text += '\n';
  }
  return { text, pieces };
}

function rangeOf(pieces: TextPiece[], start: number, end: number): Range | null {
  const at = (offset: number, isEnd: boolean): [Text, number] | null => {
    for (const piece of pieces) {
      const inside = isEnd ? offset <= piece.start + piece.node.length : offset < piece.start + piece.node.length;
      if (offset >= piece.start && inside) return [piece.node, offset - piece.start];
    }
    return null;
  };
  const from = at(start, false);
  const to = at(end, true);
  if (from === null || to === null) return null;
  const range = new Range();
  range.setStart(...from);
  range.setEnd(...to);
  return range;
}

/** Each editor's ranges by highlight name: several editors may share a page (embeds). */
const rangesByEditor = new Map<HTMLElement, Map<string, Range[]>>();

function publish(): void {
  for (const name of HIGHLIGHT_NAMES) {
    const ranges = [...rangesByEditor.values()].flatMap((byName) => byName.get(name) ?? []);
    CSS.highlights.set(name, new Highlight(...ranges));
  }
}

/** Stops colouring the code of an editor that is going away. */
export function forgetCode(root: HTMLElement): void {
  if (!supportsHighlights() || !rangesByEditor.delete(root)) return;
  publish();
}

/** Recolours every code block under `root`. */
export function highlightCode(root: HTMLElement, codeSelector: string): void {
  if (!supportsHighlights()) return;
  const byName = new Map<string, Range[]>(HIGHLIGHT_NAMES.map((name) => [name, []]));
  for (const element of root.querySelectorAll<HTMLElement>(codeSelector)) {
    const { text, pieces } = textOf(element);
    for (const [start, end, name] of codeTokens(text, element.getAttribute('data-language'))) {
      const range = rangeOf(pieces, start, end);
      if (range !== null) byName.get(name)?.push(range);
    }
  }
  rangesByEditor.set(root, byName);
  publish();
}
