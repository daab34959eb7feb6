import * as Y from 'yjs';
import { NODE_STATE_KEY, isAllowedNodeState, isAllowedProperty, type NodeKind, type ValueContext } from '@quire/shared';
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

export function checkProperty(item: Y.Item, info: NodeInfo, key: string, context: ValueContext = {}): void {
  if (key === NODE_STATE_KEY && info.kind !== 'other') {
    if (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map) return;
    throw new InvalidUpdate('node state that is not a map');
  }
  if (!(item.content instanceof Y.ContentAny) || item.content.arr.length !== 1) {
    throw new InvalidUpdate(`property ${key} holding something other than one value`);
  }
  if (info.kind === 'other') throw new InvalidUpdate('property of a shared type the editor does not use');
  const value = valueOf(item);
  if (key === '__type' && !info.isNew && value !== info.type) throw new InvalidUpdate('changes a node type');
  if (typeof info.type !== 'string' || !isAllowedProperty(info.type, key, value, context)) {
    throw new InvalidUpdate(`property ${key} with a value a "${String(info.type)}" node never has`);
  }
}

export function checkNodeStateEntry(item: Y.Item, key: string | null): void {
  if (item.content instanceof Y.ContentDeleted) return;
  const isOneValue = item.content instanceof Y.ContentAny && item.content.arr.length === 1;
  if (key === null || !isOneValue || !isAllowedNodeState(key, valueOf(item))) {
    throw new InvalidUpdate(`node state ${String(key)} with a value Lexical never writes`);
  }
}
