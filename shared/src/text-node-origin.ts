/**
 * The text node characters were typed into (issue 19). When characters have to be given a
 * text node again (a collaborator deleted or rewrote theirs, or moved their block), the new
 * node should be the one they were typed into: bold letters stay bold. Their node is found
 * through Yjs origins: each item records what was on its left when it was written, so
 * following origins through characters leads back to the map that started the text node,
 * past anything written there since (a link someone made meanwhile).
 */
import * as Y from 'yjs';

/** A text node's properties as its map holds them (format, style, mode, detail...). */
export type TextNodeProps = Readonly<Record<string, string | number | boolean | null>>;

/** Origins followed at most: a word typed a letter at a time is one step per letter. */
const MAX_STEPS = 100_000;

const isPrimitive = (value: unknown): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** A text node map's properties, deleted ones too while Yjs still holds them; null if not a text node. */
export function textNodeProps(map: Y.Map<unknown>): TextNodeProps | null {
  const props: Record<string, string | number | boolean | null> = {};
  for (const [key, item] of map._map) {
    if (item.content instanceof Y.ContentDeleted) return null;
    const value: unknown = item.content.getContent().at(-1);
    if (isPrimitive(value)) props[key] = value;
  }
  return typeof props.__type === 'string' && props.__type !== 'linebreak' ? props : null;
}

/** A deleted item Yjs collected: whether it held a type (its children were collected with it). */
function heldType(item: Y.Item, store: Y.Doc['store']): boolean {
  if (item.length !== 1) return false;
  const structs = store.clients.get(item.id.client)!;
  const next = item.id.clock + 1;
  if (next >= Y.getState(store, item.id.client)) return false;
  return structs[Y.findIndexSS(structs, next)] instanceof Y.GC;
}

/**
 * The properties of the text node `item` (characters) was typed into: the map its origins
 * lead back to through characters. Null when they lead to no readable text node map.
 */
export function typedInto(item: Y.Item): TextNodeProps | null {
  const store = (item.parent as Y.AbstractType<unknown>).doc?.store;
  if (store === undefined) return null;
  let current: Y.Item | null = item;
  for (let step = 0; current !== null && step < MAX_STEPS; step++) {
    const { content } = current;
    if (content instanceof Y.ContentType) return content.type instanceof Y.Map ? textNodeProps(content.type) : null;
    const isCharacters =
      content instanceof Y.ContentString || (content instanceof Y.ContentDeleted && !heldType(current, store));
    if (!isCharacters || current.origin === null) return null;
    const left: Y.AbstractStruct = Y.getItem(store, current.origin);
    current = left instanceof Y.Item ? left : null;
  }
  return null;
}

/** For each of `starts` (indexes of characters in `text`), the node they were typed into. */
export function typedIntoAt(text: Y.XmlText, starts: number[]): Array<TextNodeProps | null> {
  const found = new Map<number, TextNodeProps | null>();
  let index = 0;
  for (let item = text._start; item !== null && found.size < starts.length; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (starts.includes(index)) found.set(index, typedInto(item));
    index += item.length;
  }
  return starts.map((start) => found.get(start) ?? null);
}
