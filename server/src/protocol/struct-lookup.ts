import * as Y from 'yjs';
import type { NodeKind } from '@quire/shared';

/**
 * Reading Yjs structs before they are applied (`update-structure.ts`): finding a struct
 * by its id in a client's sorted list, what an item holds or stands for, and where it lands.
 */
export type Struct = Y.Item | Y.GC | Y.Skip;

/** How far past deleted items a check looks for the next item that stays. */
export const MAX_DELETED_STEPS = 10_000;

export function findIn(structs: Struct[] | undefined, clock: number): Struct | undefined {
  if (!structs || structs.length === 0) return undefined;
  const last = structs[structs.length - 1]!;
  if (clock < structs[0]!.id.clock || clock >= last.id.clock + last.length) return undefined;
  return structs[Y.findIndexSS(structs as Y.Item[], clock)];
}

function firstIndexFrom(structs: Array<Y.Item | Y.GC>, clock: number): number {
  const last = structs[structs.length - 1]!;
  if (clock >= last.id.clock + last.length) return structs.length;
  return clock <= structs[0]!.id.clock ? 0 : Y.findIndexSS(structs, clock);
}

/** Calls `visit` on every struct `doc` holds in the ranges of a delete set (what an update deletes). */
export function forEachStructIn(
  deleteSet: { clients: Map<number, Array<{ clock: number; len: number }>> },
  doc: Y.Doc,
  visit: (struct: Y.Item | Y.GC) => void,
): void {
  for (const [client, ranges] of deleteSet.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (const { clock, len } of ranges) {
      for (let index = firstIndexFrom(structs, clock); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct.id.clock >= clock + len) break;
        visit(struct);
      }
    }
  }
}

export function kindOf(item: Y.Item): NodeKind | 'other' {
  const { type } = item.content as Y.ContentType;
  if (type instanceof Y.XmlText) return 'element';
  if (type instanceof Y.Map) return 'leaf';
  if (type instanceof Y.XmlElement) return 'decorator';
  return 'other';
}

export function valueOf(item: Y.Item): unknown {
  return item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined;
}

export function currentValue(type: Y.AbstractType<unknown>, key: string): unknown {
  const item = type._map.get(key);
  return item && !item.deleted ? item.content.getContent()[item.length - 1] : undefined;
}

/** Whether `item` is the value a live node has for one of its properties. */
export function isCurrentProperty(item: Y.Item): boolean {
  const type = item.parent as Y.AbstractType<unknown> | null;
  if (item.deleted || item.parentSub === null || type === null) return false;
  return type._map.get(item.parentSub) === item && !(type._item?.deleted ?? false);
}

/**
 * Whether characters placed right after `item` continue a text node: `item` or the first
 * item left of it that is not deleted is characters or a text node's map. 'unknown' when
 * only deleted items lead there (Yjs no longer knows what a collected item held): redo
 * places restored text after the deleted original of the text node it restores.
 * `isDeletedByUpdate`: whether the update being checked deletes an item of its own.
 */
export function continuesText(
  item: Y.Item,
  isDeletedByUpdate: (item: Y.Item) => boolean = () => false,
): boolean | 'unknown' {
  let current: Y.Item | null = item;
  for (let steps = 0; current !== null && steps < MAX_DELETED_STEPS; steps++, current = current.left) {
    // An update's own deleted items are not yet marked deleted: they come as ContentDeleted
    // when Yjs collected them (an offline person's text typed after letters they deleted
    // points at them), or whole, listed in its delete set, when the sender keeps deleted
    // content (the editor's undo manager does: seed 156, words typed after a deleted link).
    if (current.deleted || current.content instanceof Y.ContentDeleted || isDeletedByUpdate(current)) continue;
    if (current.content instanceof Y.ContentString) return true;
    if (current.content instanceof Y.ContentType && current.content.type instanceof Y.Map) return true;
    return current === item ? false : 'unknown';
  }
  return current === item ? false : 'unknown';
}

/** A node: the top-level root, or the item whose content is the node's shared type. */
export type NodeRef = 'root' | Y.Item;

export interface Placement {
  node: NodeRef;
  key: string | null;
}

export function placementInDoc(item: Y.Item, doc: Y.Doc): Placement | null {
  const type = item.parent as Y.AbstractType<unknown>;
  if (type._item === null) {
    return doc.share.get('root') === type ? { node: 'root', key: item.parentSub } : null;
  }
  return { node: type._item, key: item.parentSub };
}

export function keyOf(node: NodeRef, key: string): string {
  return node === 'root' ? `root|${key}` : `${node.id.client}:${node.id.clock}|${key}`;
}
