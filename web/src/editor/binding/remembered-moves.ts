/**
 * One's moves and words outlive a reload of the page (issue 19, editing fuzz seed 2 at 48
 * steps, all actions). The author of a move that loses gives way (concurrent-moves.ts), and
 * each person writes again their own words typed into a block someone moved unseen
 * (moved-text-rescue.ts, given-way.ts). Both go by the document's client id and what the
 * editor noted in memory. A reloaded page has a new client id and an empty memory: when a
 * rival move made offline arrived after the reload, nobody gave way (the block showed twice)
 * and words typed before the reload into a block moved unseen were nobody's to keep (lost).
 *
 * So the page keeps, in the tab's session storage (`MoveMemory`), the client ids it wrote
 * under before and its open moves (those no rival has outdone yet): each by its note, the
 * text it saw and the ids of its copy's items. A reloaded page counts those client ids as
 * its own, and takes back a kept move once the document holding its copy has loaded.
 */
import { ContentType, getItem, Item, XmlText, type Doc, type ID } from 'yjs';
import type { MoveNote } from './undone-moves.js';

/** Where a page keeps its open moves across a reload (the tab's session storage in the app). */
export interface MoveMemory {
  read(): string | null;
  write(value: string): void;
}

/** A move as concurrent-moves.ts keeps it. */
export interface RememberedMove {
  note: MoveNote;
  seen: string;
  copy: { block: Item; rest?: Item[] } | { parent: XmlText; start: number; end: number };
  carried?: true;
}

type Id = [client: number, clock: number];
/** A move as kept in memory: its copy's blocks, or the block holding its copied characters. */
interface Kept {
  key: string;
  note: MoveNote;
  seen: string;
  carried?: true;
  blocks?: Id[];
  chars?: [parent: Id, start: number, end: number];
  /** The note's entry in the shared map, for a carried move (note-order.ts). */
  entry: Id | null;
}

/** Earlier client ids of the tab kept (one per reload). */
const MAX_CLIENTS = 32;
/** Open moves kept (the newest). */
const MAX_KEPT = 100;
/** Characters of a moved block's text beyond which its move is not kept (session storage holds a few megabytes). */
const MAX_SEEN = 20_000;

/** Client ids each document's page wrote under before a reload, its own current one aside. */
const earlierClients = new WeakMap<Doc, Set<number>>();

/** Whether `client` is the page's own: its current client id, or one it had before a reload. */
export const isOwnClient = (doc: Doc, client: number): boolean =>
  client === doc.clientID || (earlierClients.get(doc)?.has(client) ?? false);

/** Whether the page wrote anything in `doc`, now or before a reload. */
export const hasOwnWrites = (doc: Doc): boolean =>
  doc.store.clients.has(doc.clientID) || [...(earlierClients.get(doc) ?? [])].some((c) => doc.store.clients.has(c));

const idOf = (item: Item): Id => [item.id.client, item.id.clock];

function itemAt(doc: Doc, [client, clock]: Id): Item | null {
  const structs = doc.store.clients.get(client);
  const last = structs?.[structs.length - 1];
  if (last === undefined || last.id.clock + last.length <= clock) return null;
  const item = getItem(doc.store, { client, clock } as ID);
  return item instanceof Item ? item : null;
}

const isWholes = (value: unknown, length: number): boolean =>
  Array.isArray(value) && value.length === length && value.every((part) => Number.isSafeInteger(part));

function isKept(value: unknown): value is Kept {
  const kept = value as Partial<Kept> | null;
  if (typeof kept !== 'object' || kept === null || typeof kept.key !== 'string' || typeof kept.seen !== 'string') {
    return false;
  }
  const copyOk =
    (Array.isArray(kept.blocks) && kept.blocks.length > 0 && kept.blocks.every((id) => isWholes(id, 2))) ||
    (Array.isArray(kept.chars) && isWholes(kept.chars[0], 2) && isWholes(kept.chars.slice(1), 2));
  return isWholes(kept.note, 3) && copyOk && (kept.entry === null || isWholes(kept.entry, 2));
}

/** What the memory held: anything malformed reads as nothing. */
function parse(raw: string | null | undefined): { clients: number[]; moves: Kept[] } {
  try {
    const value = JSON.parse(raw ?? '{}') as { clients?: unknown; moves?: unknown };
    const clients = Array.isArray(value.clients) ? value.clients.filter((c) => Number.isSafeInteger(c)) : [];
    const moves = Array.isArray(value.moves) ? value.moves.filter(isKept) : [];
    return { clients: clients as number[], moves };
  } catch {
    return { clients: [], moves: [] };
  }
}

function keptOf(key: string, move: RememberedMove, entry: Item | null): Kept | null {
  const { copy } = move;
  if (move.seen.length > MAX_SEEN) return null;
  const base = { key, note: move.note, seen: move.seen, entry: entry === null ? null : idOf(entry) };
  const carried = move.carried === true ? { carried: true as const } : {};
  if ('block' in copy) return { ...base, ...carried, blocks: [copy.block, ...(copy.rest ?? [])].map(idOf) };
  const parent = copy.parent._item;
  return parent === null ? null : { ...base, ...carried, chars: [idOf(parent), copy.start, copy.end] };
}

function moveOf(doc: Doc, kept: Kept): RememberedMove | null {
  const base = { note: kept.note, seen: kept.seen, ...(kept.carried === true ? { carried: true as const } : {}) };
  if (kept.blocks !== undefined) {
    const [block, ...rest] = kept.blocks.map((id) => itemAt(doc, id));
    if (block == null || rest.some((item) => item === null)) return null;
    return { ...base, copy: { block, rest: rest as Item[] } };
  }
  const [parentId, start, end] = kept.chars!;
  const parent = itemAt(doc, parentId);
  if (parent === null || !(parent.content instanceof ContentType) || !(parent.content.type instanceof XmlText)) {
    return null;
  }
  return { ...base, copy: { parent: parent.content.type, start, end } };
}

/** A page's open moves and earlier client ids, kept in `memory` across reloads of the page. */
export class RememberedMoves {
  /** Moves kept before the reload whose copy the document does not hold yet (it is loading). */
  private readonly pending = new Map<string, Kept>();
  private readonly clients: number[];

  constructor(
    private readonly doc: Doc,
    private readonly memory: MoveMemory | undefined,
  ) {
    const stored = parse(memory?.read());
    this.clients = [...stored.clients.filter((c) => c !== doc.clientID), doc.clientID].slice(-MAX_CLIENTS);
    earlierClients.set(doc, new Set(this.clients.filter((c) => c !== doc.clientID)));
    for (const kept of stored.moves) this.pending.set(kept.key, kept);
    // The client id goes in at once: words typed before any move must be one's own after a reload too.
    this.save(new Map(), new Map());
  }

  /**
   * Kept moves under `keys` (notes that changed) whose copy the document now holds go back
   * into one's moves (`own`) and open notes with their entry (`open`), and leave the pending list.
   */
  restore(keys: Iterable<string>, own: Map<string, RememberedMove>, open: Map<string, Item | null>): void {
    for (const key of keys) {
      const kept = this.pending.get(key);
      const move = kept === undefined ? null : moveOf(this.doc, kept);
      if (kept === undefined || move === null) continue;
      this.pending.delete(key);
      if (own.has(key)) continue;
      own.set(key, move);
      open.set(key, kept.entry === null ? null : itemAt(this.doc, kept.entry));
    }
  }

  delete(key: string): void {
    this.pending.delete(key);
  }

  /** Keeps the client ids and the open moves (`open`'s keys, as `own` holds them). */
  save(own: ReadonlyMap<string, RememberedMove>, open: ReadonlyMap<string, Item | null>): void {
    if (this.memory === undefined) return;
    const moves = [...this.pending.values()];
    for (const [key, entry] of open) {
      const move = own.get(key);
      const kept = move === undefined ? null : keptOf(key, move, entry);
      if (kept !== null) moves.push(kept);
    }
    this.memory.write(JSON.stringify({ clients: this.clients, moves: moves.slice(-MAX_KEPT) }));
  }
}

function removeQuietly(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Refused too: the list stays as it was.
  }
}

/** The tab's session storage under `name`, if the browser offers it (a reload keeps it; closing the tab does not). */
export function sessionMemory(name: string): MoveMemory | undefined {
  try {
    const storage = globalThis.sessionStorage;
    if (storage === undefined) return undefined;
    const key = `quire.moves.${name}`;
    return {
      read: () => {
        try {
          return storage.getItem(key);
        } catch {
          return null;
        }
      },
      write: (value) => {
        try {
          storage.setItem(key, value);
        } catch {
          // Storage full or refused: nothing is kept past a reload (an older list would name moves settled since).
          removeQuietly(storage, key);
        }
      },
    };
  } catch {
    return undefined;
  }
}
