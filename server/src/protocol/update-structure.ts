import * as Y from 'yjs';
import {
  CloseCode,
  MAX_NODE_DEPTH,
  NODE_STATE_KEY,
  canRetype,
  hasProperty,
  isAllowedProperty,
  nodeSchema,
  type ValueContext,
} from '@quire/shared';
import { ProtocolError } from '../errors.js';
import { checkProperty, checkNodeStateEntry, type NodeInfo } from './property-rules.js';
import { isBeforeCharacters, landingIndex, type NodeNeighbours } from './node-before-text.js';
import { InvalidUpdate, type DecodedUpdate } from './update-check.js';
import { decodeWithPending } from './with-pending.js';
import {
  continuesText,
  currentValue,
  findIn,
  forEachStructIn,
  isCurrentProperty,
  kindOf,
  valueOf,
  type Struct,
  keyOf,
  placementInDoc,
  type NodeRef,
  type Placement,
} from './struct-lookup.js';

/**
 * Whether an update keeps the document in the shape the editor writes (`NODE_SCHEMAS`,
 * issue #18); Yjs accepts one that does not, but Lexical then shows the document empty.
 * Where an item lands depends on the document: Yjs leaves out an item's parent and
 * property name when it has a left or right neighbour, and a parent may be a node stored
 * long ago. So each item is placed through its neighbours, looked up in the update or by
 * binary search in the document's store: a keystroke costs a few lookups, never a walk of
 * the document. The rules cover the editor's tree (`root`; other top-level types get their
 * own checks), and the editor meets all of them, undo and redo included:
 * - shared types are `XmlText` (element nodes), `Map` (text-like nodes) or `XmlElement`
 *   (decorator nodes: the horizontal rule, and images, whose sources depend on the document's
 *   name), holding only their properties, created with their `__type` in the same update,
 *   under a parent their schema allows, at most `MAX_NODE_DEPTH` deep;
 * - a node's properties are the ones its type has, with allowed values (an existing node may
 *   hold one of a type of its family: set by someone who had not seen its type change); its
 *   `__type` changes only within a family of types that take the same children (`canRetype`,
 *   issue #19), and a property it needs goes only with the node or for a new value;
 * - an element's text holds characters and child nodes only, characters only where text
 *   goes and right after their text node's map or characters (Lexical drops whatever follows
 *   stray characters), or after deleted ones: a collaborator may have deleted the text node
 *   the writer was typing at the end of, and the editor gives such characters a text node
 *   again (web/src/editor/binding/dangling-text.ts); a map holds only properties.
 */

/**
 * Throws a ProtocolError (1003) when `update` (past `checkUpdate`), applied to `doc`, would
 * leave the editor's shape. With `docName`, images may show its files (SPEC: Files (images)).
 * `decoded`: `update` already decoded, if it was.
 */
export function checkUpdateStructure(update: Uint8Array, doc: Y.Doc, docName?: string, decoded?: DecodedUpdate): void {
  try {
    new StructureCheck(decodeWithPending(update, doc, decoded), doc, { docName }).run();
  } catch (err) {
    if (err instanceof InvalidUpdate) {
      throw new ProtocolError(CloseCode.UnsupportedData, `invalid update: ${err.message}`);
    }
    throw err;
  }
}

class StructureCheck {
  private readonly byClient = new Map<number, Struct[]>();
  private readonly placements = new Map<Y.Item, Placement | null>();
  /** The `__type` each node created by this update is given. */
  private readonly newTypes = new Map<Y.Item, unknown>();
  /** Existing nodes this update changes into another type of their family. */
  private readonly retyped = new Set<Y.Item>();
  /** `node|key` of every property this update sets. */
  private readonly setKeys = new Set<string>();
  private readonly items: Y.Item[] = [];
  private landing: Map<number, Y.Item[]> | undefined;

  constructor(
    private readonly decoded: DecodedUpdate,
    private readonly doc: Y.Doc,
    private readonly context: ValueContext,
  ) {
    for (const struct of decoded.structs) {
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
      if (struct instanceof Y.Item && !this.isKnown(struct)) this.items.push(struct);
    }
  }

  run(): void {
    const placed = this.items.map((item) => [item, this.placementOf(item)] as const);
    // A live value wins: a full state lists a node's replaced types too (collected, or deleted).
    // A node left with none keeps the type its gone value gives, and its other checks with it.
    const types = placed.filter(([, placement]) => placement?.key === '__type' && placement.node !== 'root');
    const [gone, live] = [types.filter(([item]) => this.isGone(item)), types.filter(([item]) => !this.isGone(item))];
    for (const [item, placement] of [...gone, ...live]) this.noteType(placement!.node as Y.Item, valueOf(item));
    for (const [item, placement] of placed) if (placement) this.checkItem(item, placement);
    this.checkDeletions();
  }

  /**
   * The type this update gives `node`: a new node's, or an existing node's new type when the
   * editor may change it in place (`canRetype`); any other change is refused by checkProperty.
   */
  private noteType(node: Y.Item, type: unknown): void {
    if (this.isInUpdate(node)) this.newTypes.set(node, type);
    else if (canRetype(currentValue((node.content as Y.ContentType).type, '__type'), type)) {
      this.newTypes.set(node, type);
      this.retyped.add(node);
    }
  }

  private neighbours(): NodeNeighbours {
    const isGone = (item: Y.Item): boolean =>
      item.deleted || item.content instanceof Y.ContentDeleted || Y.isDeleted(this.decoded.ds, item.id);
    this.landing ??= landingIndex(this.items, isGone);
    return { find: (id) => this.find(id), isGone, landing: this.landing };
  }

  private isGone(item: Y.Item): boolean {
    return item.content instanceof Y.ContentDeleted || Y.isDeleted(this.decoded.ds, item.id);
  }

  /** Whether Yjs would skip `item` because the document has all of it already. */
  private isKnown(item: Y.Item): boolean {
    return Y.getState(this.doc.store, item.id.client) >= item.id.clock + item.length;
  }

  /** Whether `item` comes from this update (lookups prefer the document's own items). */
  private isInUpdate(item: Y.Item): boolean {
    return !this.isKnown(item);
  }

  /** The struct holding `id`, in the document first, then in the update. */
  private find(id: Y.ID): Struct | undefined {
    const inDoc = this.doc.store.clients.get(id.client);
    return findIn(inDoc as Struct[] | undefined, id.clock) ?? findIn(this.byClient.get(id.client), id.clock);
  }

  /**
   * Where `item` lands; null when outside the editor's tree, nowhere (its parent or
   * neighbour was collected, so Yjs drops it) or not yet (it waits for them to arrive).
   */
  private placementOf(item: Y.Item): Placement | null {
    const chain: Y.Item[] = [];
    let placement: Placement | null | undefined;
    for (let current: Y.Item = item; placement === undefined;) {
      const cached = this.placements.get(current);
      if (cached !== undefined || this.placements.has(current)) {
        placement = cached ?? null;
        break;
      }
      chain.push(current);
      const next = this.directPlacement(current);
      if (next instanceof Y.Item) current = next;
      else placement = next;
    }
    for (const link of chain) this.placements.set(link, placement);
    return placement;
  }

  /** The placement an item states or, failing that, the neighbour it shares it with. */
  private directPlacement(item: Y.Item): Placement | null | Y.Item {
    if (item.parent instanceof Y.AbstractType) return placementInDoc(item, this.doc);
    if (typeof item.parent === 'string') {
      return item.parent === 'root' ? { node: 'root', key: item.parentSub } : null;
    }
    if (item.parent instanceof Y.ID) {
      const parent = this.find(item.parent);
      if (!(parent instanceof Y.Item)) return null;
      // A node deleted and collected keeps only its length: Yjs drops what lands in it (an
      // offline person's change to a block someone deleted meanwhile, issue #19).
      if (parent.content instanceof Y.ContentDeleted) return null;
      if (!(parent.content instanceof Y.ContentType)) throw new InvalidUpdate('item in a value that is not a node');
      return { node: parent, key: item.parentSub };
    }
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? this.find(neighbourId) : undefined;
    return neighbour instanceof Y.Item ? neighbour : null;
  }

  private nodeInfo(node: NodeRef): NodeInfo | null {
    if (node === 'root') return { kind: 'element', type: 'root', isNew: false };
    if (node.deleted && !this.isInUpdate(node)) return null;
    const isNew = this.isInUpdate(node);
    const type =
      this.newTypes.get(node) ?? (isNew ? undefined : currentValue((node.content as Y.ContentType).type, '__type'));
    return { kind: kindOf(node), type, isNew };
  }

  private checkItem(item: Y.Item, { node, key }: Placement): void {
    const depth = this.depthOf(node);
    const info = depth === null ? null : this.nodeInfo(node);
    if (depth === null || info === null) return;
    if (this.isNodeState(node)) return checkNodeStateEntry(item, key);
    if (key !== null) {
      this.setKeys.add(keyOf(node, key));
      checkProperty(item, info, key, this.context, Y.isDeleted(this.decoded.ds, item.id));
      return;
    }
    if (info.kind !== 'element') throw new InvalidUpdate('child content in a node that has no text');
    const { content } = item;
    // A node this update also deletes never shows: an offline person's picture moved out of a
    // block they then made a code block arrives inside it, deleted (kept for their undo).
    if (content instanceof Y.ContentType) {
      if (!Y.isDeleted(this.decoded.ds, item.id)) this.checkNewNode(item, info, depth);
    } else if (content instanceof Y.ContentString) this.checkCharacters(item, info);
    else if (!(content instanceof Y.ContentDeleted)) {
      throw new InvalidUpdate('element text holding something other than characters and nodes');
    }
  }

  private checkNewNode(item: Y.Item, parentInfo: NodeInfo, parentDepth: number): void {
    const type = this.newTypes.get(item);
    const schema = nodeSchema(type);
    if (!schema) throw new InvalidUpdate('node created without a type the editor has');
    if (schema.kind !== kindOf(item)) throw new InvalidUpdate(`node "${String(type)}" stored as the wrong shared type`);
    if (typeof parentInfo.type !== 'string' || !schema.parents.has(parentInfo.type)) {
      throw new InvalidUpdate(`node "${String(type)}" inside "${String(parentInfo.type)}"`);
    }
    if (parentDepth >= MAX_NODE_DEPTH) throw new InvalidUpdate('nodes nested too deeply');
    if (schema.kind !== 'leaf' && isBeforeCharacters(item, this.neighbours())) {
      throw new InvalidUpdate(`node "${String(type)}" between a text node and its characters`);
    }
  }

  /**
   * Characters belong to the text node stored just before them, so they go where text
   * nodes go, right after a text node's map or its other characters. Only deleted items
   * before them ('unknown') is what concurrent editing leaves: the text node they were
   * typed into was deleted by someone else, or this update restores it (redo).
   */
  private checkCharacters(item: Y.Item, info: NodeInfo): void {
    if (typeof info.type !== 'string' || !TEXT_HOLDERS.has(info.type)) {
      throw new InvalidUpdate(`characters directly in "${String(info.type)}"`);
    }
    const left = item.origin && this.find(item.origin);
    const isDeletedByUpdate = (struct: Y.Item): boolean =>
      this.isInUpdate(struct) && Y.isDeleted(this.decoded.ds, struct.id);
    const continues = left instanceof Y.Item ? continuesText(left, isDeletedByUpdate) : false;
    if (continues === false) throw new InvalidUpdate('characters outside a text node');
  }

  /** Whether `node` is a node's `__state` map rather than a node. */
  private isNodeState(node: NodeRef): boolean {
    return node !== 'root' && this.placementOf(node)?.key === NODE_STATE_KEY;
  }

  /** How many nodes `node` is below `root`; null when it is not in the editor's tree. */
  private depthOf(node: NodeRef): number | null {
    let depth = 0;
    for (let current: NodeRef = node; current !== 'root'; depth++) {
      const placement = depth > MAX_NODE_DEPTH ? null : this.placementOf(current);
      if (placement === null) return depth > MAX_NODE_DEPTH ? depth : null;
      current = placement.node;
    }
    return depth;
  }

  /**
   * A property a node needs may go only together with its node, or when this update sets
   * a new value. The root's properties are all optional: Yjs holds none for a new document.
   */
  private checkDeletions(): void {
    forEachStructIn(this.decoded.ds, this.doc, (struct) => {
      if (this.isPropertyRemoved(struct)) {
        throw new InvalidUpdate('deletes a node property without setting a new value');
      }
    });
  }

  private isPropertyRemoved(struct: Y.Item | Y.GC): boolean {
    if (!(struct instanceof Y.Item) || !isCurrentProperty(struct)) return false;
    const placement = this.placementOf(struct);
    if (placement === null || this.depthOf(placement.node) === null) return false;
    const { node, key } = placement;
    if (node === 'root' || key === null || Y.isDeleted(this.decoded.ds, node.id)) return false;
    if (this.isNodeState(node)) return false;
    // Undo removes a property its user set first; one a node may lack (`__checked`) can go.
    const type = this.nodeInfo(node)?.type;
    if (typeof type === 'string' && key !== '__type' && isAllowedProperty(type, key, undefined)) return false;
    // A node drops any property its type does not have: one a change into another type left,
    // or one kept by an undo in an editor before the fix (a paragraph's heading level, fuzz
    // seed 82): refused, the page that drops it would stop syncing.
    if (typeof type === 'string' && key !== '__type' && !hasProperty(type, key)) return false;
    return !this.setKeys.has(keyOf(node, key));
  }
}

const TEXT_HOLDERS = nodeSchema('text')?.parents ?? new Set<string>();
