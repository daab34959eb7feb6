import * as Y from 'yjs';
import {
  NODE_STATE_KEY,
  fitsSiblingType,
  isAllowedNodeState,
  isAllowedProperty,
  type NodeKind,
  type ValueContext,
} from '@quire/shared';
import { valueOf } from './struct-lookup.js';
import { InvalidUpdate } from './update-check.js';

/**
 * The values a node's properties and node-state entries may hold (shared/src/node-schema.ts),
 * checked item by item by `update-structure.ts` once it knows which node an item lands on.
 */
export interface NodeInfo {
  kind: NodeKind | 'other';
  type: unknown;
  isNew: boolean;
}

/**
 * `isOverwritten`: the update itself deletes the item. Values a client set and then replaced
 * while offline reach the server when its undo manager kept them (merged into one item of
 * several values, e.g. a block made a heading and then a quote, issue #19); Lexical reads
 * only a property's live value, so only their form is checked.
 */
export function checkProperty(
  item: Y.Item,
  info: NodeInfo,
  key: string,
  context: ValueContext = {},
  isOverwritten = false,
): void {
  if (item.content instanceof Y.ContentDeleted) return;
  if (key === NODE_STATE_KEY && info.kind !== 'other') {
    if (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map) return;
    throw new InvalidUpdate('node state that is not a map');
  }
  if (!(item.content instanceof Y.ContentAny) || (item.content.arr.length !== 1 && !isOverwritten)) {
    throw new InvalidUpdate(`property ${key} holding something other than one value`);
  }
  if (info.kind === 'other') throw new InvalidUpdate('property of a shared type the editor does not use');
  if (isOverwritten) return;
  const value = valueOf(item);
  if (key === '__type' && !info.isNew && value !== info.type) throw new InvalidUpdate('changes a node type');
  if (typeof info.type !== 'string' || !isAllowedProperty(info.type, key, value, context)) {
    if (isMergedOntoRetyped(info, key, value, context)) return;
    throw new InvalidUpdate(`property ${key} with a value a "${String(info.type)}" node never has`);
  }
}

/**
 * A property an existing node's type lacks but a type of its family has, with a value that
 * type allows: the sender had not seen the node's type change when it wrote it (it set a
 * heading's level while someone else made the heading a paragraph, issue #19, fuzz seed 166)
 * and cannot write anything else. Readers build each node from its `__type`, so the value
 * is never shown (a paragraph with a level is a paragraph on every page and in every export).
 */
function isMergedOntoRetyped(info: NodeInfo, key: string, value: unknown, context: ValueContext): boolean {
  return !info.isNew && typeof info.type === 'string' && fitsSiblingType(info.type, key, value, context);
}

export function checkNodeStateEntry(item: Y.Item, key: string | null): void {
  if (item.content instanceof Y.ContentDeleted) return;
  const isOneValue = item.content instanceof Y.ContentAny && item.content.arr.length === 1;
  if (key === null || !isOneValue || !isAllowedNodeState(key, valueOf(item))) {
    throw new InvalidUpdate(`node state ${String(key)} with a value Lexical never writes`);
  }
}
