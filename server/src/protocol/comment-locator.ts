import * as Y from 'yjs';
import { COMMENTS_TYPE } from '@quire/shared';
import { findIn, type Struct } from './struct-lookup.js';
import { InvalidUpdate } from './update-check.js';

/**
 * Where the items of an update land, as far as the comment rules care: in the `comments`
 * map or elsewhere, under which parent item and key. An item names its parent only when it
 * has no neighbour, so it is placed through its neighbour, looked up in the update or by
 * binary search in the document's store: a keystroke costs a few lookups, never a walk.
 */
export interface Where {
  isComments: boolean;
  /** The item holding the shared type it lands in; null for a top-level type. */
  parent: Y.Item | null;
  key: string | null;
}

/** Deeper than this, nothing is a comment (threads go 4 deep) and the update is refused. */
const MAX_PARENTS = 2_000;

export class Locator {
  private readonly byClient = new Map<number, Struct[]>();
  private readonly places = new Map<Y.Item, Where | null>();

  constructor(
    structs: Struct[],
    private readonly doc: Y.Doc,
  ) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
    }
  }

  /** Whether Yjs would skip `item` because the document has all of it already. */
  isKnown(item: Y.Item): boolean {
    return Y.getState(this.doc.store, item.id.client) >= item.id.clock + item.length;
  }

  find(id: Y.ID): Struct | undefined {
    const inDoc = this.doc.store.clients.get(id.client);
    return findIn(inDoc as Struct[] | undefined, id.clock) ?? findIn(this.byClient.get(id.client), id.clock);
  }

  /** Where `item` lands; null when nowhere yet (a parent or neighbour is missing or collected). */
  locate(item: Y.Item, depth = 0): Where | null {
    if (depth > MAX_PARENTS) throw new InvalidUpdate('shared types nested too deeply');
    const chain: Y.Item[] = [];
    let where: Where | null | undefined;
    for (let current: Y.Item = item; where === undefined;) {
      if (this.places.has(current)) {
        where = this.places.get(current) ?? null;
        break;
      }
      chain.push(current);
      const next = this.direct(current, depth);
      if (next instanceof Y.Item) current = next;
      else where = next;
    }
    for (const link of chain) this.places.set(link, where);
    return where;
  }

  /** The items holding `item`, nearest first; null when it lands nowhere. */
  parentsOf(item: Y.Item): Y.Item[] | null {
    const parents: Y.Item[] = [];
    for (let where = this.locate(item); where?.parent; where = this.locate(where.parent, parents.length)) {
      parents.push(where.parent);
      if (parents.length > MAX_PARENTS) throw new InvalidUpdate('shared types nested too deeply');
    }
    return parents;
  }

  private direct(item: Y.Item, depth: number): Where | null | Y.Item {
    const { parent } = item;
    if (parent instanceof Y.AbstractType) return this.inDoc(item, parent as Y.AbstractType<unknown>);
    if (typeof parent === 'string') return { isComments: parent === COMMENTS_TYPE, parent: null, key: item.parentSub };
    if (parent instanceof Y.ID) {
      const holder = this.find(parent);
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return null;
      const above = this.locate(holder, depth + 1);
      return above === null ? null : { isComments: above.isComments, parent: holder, key: item.parentSub };
    }
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? this.find(neighbourId) : undefined;
    return neighbour instanceof Y.Item ? neighbour : null;
  }

  /** An item already in the document: its parents are shared types, up to a top-level one. */
  private inDoc(item: Y.Item, type: Y.AbstractType<unknown>): Where {
    let top = type;
    for (let steps = 0; top._item !== null; steps++) {
      if (steps > MAX_PARENTS) throw new InvalidUpdate('shared types nested too deeply');
      top = top._item.parent as Y.AbstractType<unknown>;
    }
    return { isComments: top === this.doc.share.get(COMMENTS_TYPE), parent: type._item, key: item.parentSub };
  }
}
