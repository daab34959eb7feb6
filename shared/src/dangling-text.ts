/**
 * Characters that follow no live text node (issue 19). In the v1 document `@lexical/yjs`
 * writes, a text node is a Y.Map embed followed by its characters. When one person deletes
 * a whole text node while another types at its end, the merged block holds the typed
 * characters with only deleted items, a block, a line break or a decorator before them, and
 * `@lexical/yjs` drops them. The editor gives them a text node of their own
 * (web/src/editor/binding/dangling-text.ts); the server's renders do the same on their copy.
 */
import * as Y from 'yjs';
import { typedIntoAt, type TextNodeProps } from './text-node-origin.js';

/** The properties of a plain text node's map, as the binding writes them. */
export const TEXT_NODE_DEFAULTS: Readonly<Record<string, unknown>> = {
  __type: 'text',
  __format: 0,
  __style: '',
  __mode: 0,
  __detail: 0,
};

/** A text node's embed: a Y.Map, which line breaks are too. */
function isTextNodeEmbed(content: unknown): boolean {
  if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) return false;
  return (content.type as Y.Map<unknown>).get('__type') !== 'linebreak';
}

/**
 * Where, among the live content of `text`, characters start that follow no live text node:
 * what comes before them (deleted items skipped) is nothing, a block, a line break or a
 * decorator.
 */
export function danglingStarts(text: Y.XmlText): number[] {
  const starts: number[] = [];
  let index = 0;
  let continuesText = false;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (item.content instanceof Y.ContentString) {
      if (!continuesText) starts.push(index);
      continuesText = true;
    } else {
      continuesText = isTextNodeEmbed(item.content);
    }
    index += item.length;
  }
  return starts;
}

/**
 * Writes a text node's map in front of each run of dangling characters: with the run's
 * `props` (text-node-origin.ts), else a plain node's. Returns the maps.
 */
export function insertTextNodes(
  text: Y.XmlText,
  starts: number[],
  props: ReadonlyArray<TextNodeProps | null> = [],
): Array<Y.Map<unknown>> {
  const maps: Array<Y.Map<unknown>> = [];
  for (let i = starts.length - 1; i >= 0; i--) {
    const map = new Y.Map<unknown>();
    text.insertEmbed(starts[i]!, map);
    for (const [key, value] of Object.entries(props[i] ?? TEXT_NODE_DEFAULTS)) map.set(key, value);
    maps.push(map);
  }
  return maps;
}

/**
 * Gives every run of dangling characters under `element` (nested elements included) a text
 * node: the kind they were typed into.
 */
export function giveDanglingTextNodes(element: Y.XmlText): void {
  for (const { insert } of element.toDelta() as Array<{ insert: unknown }>) {
    if (insert instanceof Y.XmlText) giveDanglingTextNodes(insert);
  }
  const starts = danglingStarts(element);
  if (starts.length > 0) insertTextNodes(element, starts, typedIntoAt(element, starts));
}
