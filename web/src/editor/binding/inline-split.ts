/**
 * Linking words of a text node keeps the text around the link in place (issue 19). Linking
 * "w2" in "w1 w2 w3" splits the text node into "w1 ", a link holding "w2" and " w3".
 * `@lexical/yjs` writes that as "delete w2 w3, insert a link and a copy of ' w3'": two people
 * linking different words of one text node at once each copy its tail, and the words both
 * copied show twice ("w1 w2 w3 w4 w5w4 w5"); words typed into the tail meanwhile were left
 * behind. Linking its first words ("w1") moves the text node itself into the link, and the
 * binding rewrote the whole node ("w4w1 w2 w3 w4 w5" when another linked "w4" at once).
 *
 * Here only the linked characters are deleted (the binding writes the link with its own
 * copy of them, as before) and each plain text part after it gets a Y.Map embed (a new
 * text node's start) in front of its characters, which stay where they were; when the
 * first words were linked, the old embed becomes the start of the text after the link.
 */
import { $getNodeByKey, $isElementNode, $isTextNode, type LexicalNode, type NodeKey, type NodeMap } from 'lexical';
import * as Y from 'yjs';
import type { CollabBinding, CollabElementLike, CollabTextClass, CollabTextLike } from './binding-internals.js';

/** What the lossless pass (lossless-children.ts) hands over: the element and its views. */
export interface SplitPass {
  collab: CollabElementLike;
  binding: CollabBinding;
  prevNodeMap: NodeMap;
  views: Map<NodeKey, LexicalNode>;
}

/** The new nodes after the anchor, in order: text kept in place, or inline elements copied. */
type Part = { key: NodeKey; text: string; isElement: boolean };

/** Writes a new text node (of `like`'s class) as a Y.Map embed at `offset`: the characters after it are its text. */
export function insertTextPart(
  pass: SplitPass,
  like: CollabTextLike,
  index: number,
  offset: number,
  key: NodeKey,
): void {
  const node = $getNodeByKey(key) as LexicalNode & { __text: string };
  const children = pass.collab._children;
  const TextClass = like.constructor as CollabTextClass;
  const map = new Y.Map<unknown>();
  pass.collab._xmlText.insertEmbed(offset, map);
  const part = new TextClass(map, node.__text, pass.collab, node.__type);
  (map as unknown as { _collabNode: CollabTextLike })._collabNode = part;
  part._key = key;
  children.splice(index, 0, part);
  pass.binding.collabNodeMap.set(key, part);
  // No previous properties: the binding writes them all onto the new map.
  const blank = Object.create(Object.getPrototypeOf(node) as object) as LexicalNode;
  pass.views.set(key, Object.assign(blank, { __key: key, __text: node.__text }));
}

/** The new nodes that hold exactly `rest` (what the anchor lost), with an inline element among them. */
function partsOf(pass: SplitPass, rest: string, added: NodeKey[]): Part[] | null {
  const parts: Part[] = [];
  let text = '';
  for (const key of added) {
    const node = $getNodeByKey(key);
    if (node === null || pass.prevNodeMap.has(key)) return null;
    const isElement = $isElementNode(node) && node.isInline();
    if (!isElement && !$isTextNode(node)) return null;
    const part = { key, text: node.getTextContent(), isElement };
    if (part.text === '' || !rest.startsWith(text + part.text)) return null;
    parts.push(part);
    text += part.text;
    if (text === rest) return parts.some((candidate) => candidate.isElement) ? parts : null;
  }
  return null;
}

/**
 * Text and inline elements cut from `anchor` (`head` is what it keeps): the elements'
 * characters are deleted, the text parts keep theirs behind a new embed. `setText` records
 * the anchor's new text in the pass's view.
 */
export function splitAroundInline(
  pass: SplitPass,
  anchor: CollabTextLike,
  head: string,
  added: NodeKey[],
  setText: (text: string) => void,
): void {
  if (head === '' || head.length >= anchor._text.length || !anchor._text.startsWith(head)) return;
  const parts = partsOf(pass, anchor._text.slice(head.length), added);
  if (parts === null) return;
  const offset = anchor.getOffset() + 1 + head.length;
  anchor._text = head;
  setText(head);
  writeParts(pass, anchor, parts, pass.collab._children.indexOf(anchor) + 1, offset);
  dropWritten(added, parts);
}

/**
 * A text node whose first words were linked (`old`: its Lexical node moved into the link,
 * a new one holds the rest): its embed and the characters after the link stay, as the start
 * of the first plain text part; only the linked characters are deleted. Someone linking a
 * later word of it at the same moment then links characters that are still there once.
 * Returns whether it did so (`old` then holds the new node's key).
 */
export function keepRestOfLinkedStart(pass: SplitPass, old: CollabTextLike, added: NodeKey[]): boolean {
  const parts = partsOf(pass, old._text, added);
  const first = parts === null ? -1 : parts.findIndex((part) => !part.isElement);
  const prev = pass.prevNodeMap.get(old._key);
  if (parts === null || first < 0 || prev === undefined) return false;
  const rest = parts[first]!;
  if ($getNodeByKey(rest.key)?.__type !== old._type) return false;
  const offset = old.getOffset() + 1;
  for (const part of parts.slice(0, first)) pass.collab._xmlText.delete(offset, part.text.length);
  const map = pass.binding.collabNodeMap;
  if (map.get(old._key) === old) map.delete(old._key);
  old._key = rest.key;
  old._text = rest.text;
  map.set(rest.key, old);
  pass.views.set(rest.key, Object.assign(Object.create(prev) as LexicalNode, { __key: rest.key, __text: rest.text }));
  const index = pass.collab._children.indexOf(old) + 1;
  writeParts(pass, old, parts.slice(first + 1), index, offset + rest.text.length);
  dropWritten(added, parts);
  return true;
}

/** Writes `parts` from `offset` on: an element's characters are deleted, a text part gets an embed. */
function writeParts(pass: SplitPass, like: CollabTextLike, parts: Part[], index: number, offset: number): void {
  for (const part of parts) {
    if (part.isElement) {
      pass.collab._xmlText.delete(offset, part.text.length);
      continue;
    }
    insertTextPart(pass, like, index++, offset, part.key);
    offset += 1 + part.text.length;
  }
}

/** Leaves in `added` only what the binding still has to write: the inline elements. */
function dropWritten(added: NodeKey[], parts: Part[]): void {
  const kept = new Set(parts.filter((part) => !part.isElement).map((part) => part.key));
  const remaining = added.filter((key) => !kept.has(key));
  added.splice(0, added.length, ...remaining);
}
