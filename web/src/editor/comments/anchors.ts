/**
 * Comment anchors between the page and Yjs (SPEC: Comments). Anchors are Yjs relative
 * positions in the editor's shared tree, never marks in the text, so commenting changes
 * nothing in it. A selection on the page becomes positions through the nodes Lexical's
 * (v1) binding hangs on each shared type (`_collabNode`); positions become a DOM Range the
 * same way back, for highlights drawn over the text and for lining threads up with it.
 */
import { $getNearestNodeFromDOMNode, $isTextNode, type LexicalEditor } from 'lexical';
import * as Y from 'yjs';

interface CollabChildLike {
  _key: string;
  _text?: string;
  getSize(): number;
}

interface CollabElementLike {
  _children: CollabChildLike[];
  _xmlText: Y.XmlText;
}

type Tagged = { _collabNode?: CollabChildLike | CollabElementLike };

export interface SelectionAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
}

/** The page's selection inside `root` as anchor positions; null when there is none or it is empty. */
export function anchorOfSelection(editor: LexicalEditor, doc: Y.Doc, root: HTMLElement): SelectionAnchor | null {
  const selection = window.getSelection();
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const quote = range.toString().trim();
  if (quote === '') return null;
  const start = textPointOf(editor, range.startContainer, range.startOffset, 'forward');
  const end = textPointOf(editor, range.endContainer, range.endOffset, 'backward');
  if (start === null || end === null) return null;
  const startIndex = indexOf(doc, start);
  const endIndex = indexOf(doc, end);
  if (startIndex === null || endIndex === null) return null;
  return {
    start: Y.createRelativePositionFromTypeIndex(startIndex.type, startIndex.index, 0),
    end: Y.createRelativePositionFromTypeIndex(endIndex.type, endIndex.index, -1),
    quote,
  };
}

/** A DOM point as a Lexical text node and offset, moving into the nearest text in `direction`. */
function textPointOf(
  editor: LexicalEditor,
  container: Node,
  offset: number,
  direction: 'forward' | 'backward',
): { key: string; offset: number } | null {
  let node: Node | null = container;
  let at = offset;
  if (!(container instanceof Text)) {
    const text = nearestText(container, offset, direction);
    if (text === null) return null;
    node = text;
    at = direction === 'forward' ? 0 : text.length;
  }
  return editor.read(() => {
    const lexical = node && $getNearestNodeFromDOMNode(node);
    return $isTextNode(lexical) ? { key: lexical.getKey(), offset: Math.min(at, lexical.getTextContentSize()) } : null;
  });
}

function nearestText(container: Node, offset: number, direction: 'forward' | 'backward'): Text | null {
  const walker = document.createTreeWalker(container.ownerDocument?.body ?? container, NodeFilter.SHOW_TEXT);
  const child = container.childNodes[direction === 'forward' ? offset : offset - 1] ?? container;
  walker.currentNode = child;
  if (child instanceof Text) return child;
  if (direction === 'forward') return walker.nextNode() as Text | null;
  // The last text inside `child`, or the one before it.
  let last: Text | null = null;
  const inner = document.createTreeWalker(child, NodeFilter.SHOW_TEXT);
  for (let next = inner.nextNode(); next !== null; next = inner.nextNode()) last = next as Text;
  return last ?? (walker.previousNode() as Text | null);
}

/** Where a Lexical text node's character sits in its element's shared text. */
function indexOf(doc: Y.Doc, point: { key: string; offset: number }): { type: Y.XmlText; index: number } | null {
  const found = findTextMap(doc.get('root', Y.XmlText), point.key);
  if (found === null) return null;
  const { parent, item } = found;
  let index = 0;
  for (let current = parent._start; current !== null && current !== item; current = current.right) {
    if (!current.deleted && current.countable) index += current.length;
  }
  return { type: parent, index: index + 1 + point.offset };
}

function findTextMap(type: Y.XmlText, key: string): { parent: Y.XmlText; item: Y.Item } | null {
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type as Y.AbstractType<unknown> & Tagged;
    if (child instanceof Y.XmlText) {
      const found = findTextMap(child, key);
      if (found !== null) return found;
    } else if ((child._collabNode as CollabChildLike | undefined)?._key === key) {
      return { parent: type, item };
    }
  }
  return null;
}

/** The DOM range a thread's positions cover now; null when its text is gone or not shown. */
export function rangeOfAnchor(
  editor: LexicalEditor,
  doc: Y.Doc,
  start: Y.RelativePosition | null,
  end: Y.RelativePosition | null,
): Range | null {
  const from = start && domPointOf(editor, doc, start);
  const to = end && domPointOf(editor, doc, end);
  if (!from || !to) return null;
  const range = document.createRange();
  try {
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
  } catch {
    return null;
  }
  return range.collapsed ? null : range;
}

function domPointOf(
  editor: LexicalEditor,
  doc: Y.Doc,
  position: Y.RelativePosition,
): { node: Node; offset: number } | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (absolute === null) return null;
  const { type } = absolute;
  if (type._item?.deleted) return null;
  const element = (type as Y.AbstractType<unknown> & Tagged)._collabNode as CollabElementLike | undefined;
  if (element === undefined || !Array.isArray(element._children)) return null;
  let offset = 0;
  for (const child of element._children) {
    const size = child.getSize();
    if (absolute.index < offset + size || child === element._children.at(-1)) {
      return domOfChild(editor, child, absolute.index - offset, size);
    }
    offset += size;
  }
  return null;
}

function domOfChild(
  editor: LexicalEditor,
  child: CollabChildLike,
  indexInChild: number,
  size: number,
): { node: Node; offset: number } | null {
  const dom = editor.getElementByKey(child._key);
  if (dom === null) return null;
  if (typeof child._text !== 'string') return { node: dom, offset: 0 };
  const text = firstText(dom);
  if (text === null) return { node: dom, offset: 0 };
  const charOffset = indexInChild - (size - child._text.length);
  return { node: text, offset: Math.max(0, Math.min(text.length, charOffset)) };
}

function firstText(node: Node): Text | null {
  if (node instanceof Text) return node;
  for (const child of Array.from(node.childNodes)) {
    const text = firstText(child);
    if (text !== null) return text;
  }
  return null;
}
