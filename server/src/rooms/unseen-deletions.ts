import * as Y from 'yjs';
import type { DeleteSet } from '../storage/fanout.js';
import { encodeDeleteSet, equalBytes, type DeleteItem } from './sender-deletions.js';

/**
 * Words deleted with a block by someone who never saw them stay their typist's to write
 * again, also when the typist was offline then (issue #19, editing fuzz seed 2 at 48 steps).
 *
 * Deleting a Yjs type deletes its children: a person who deletes a block (or moves it, which
 * deletes it and writes a copy) lists in their update only the children they saw, and every
 * replica deletes the rest on its own. The typist's editor writes back its own words the
 * deletion did not list (web: moved-text-rescue.ts). Live, the server relays only what the
 * sender listed (sender-deletions.ts). But a page that was offline meanwhile catches up with
 * the server's sync step 2, whose delete set is the server's whole one: it listed the unseen
 * words as deleted too, so nothing told their typist they were never seen, and they were lost.
 *
 * So the room notes, per applied update, what it deleted that its sender did not list (a
 * block's unseen content, and content that arrived into a block already gone). The sync step 2
 * leaves the noted deletions out of its delete set: a receiver that holds those items deletes
 * them itself when it deletes their block (as the stock y-websocket client does), one that
 * lacks them gets them as deleted structs, so every replica still ends the same. What is noted
 * is a part of the document's own delete set, which Yjs keeps anyway, so it stays bounded by
 * the document. The store keeps it as the stored updates' and states' delete sets leaving those
 * deletions out (each replica makes them anyway); a load takes the notes up again (`recall`).
 */
export class UnseenDeletions {
  private readonly ranges = new Map<number, DeleteItem[]>();

  /**
   * Notes what `transaction` (a sender's update applied) deleted that `listed()` lacks. A
   * note stays: a later update listing the same items tells nothing (a client's sync step 2
   * lists every deletion it holds, those it only received included). `advanced`: the clients
   * whose state the transaction may have advanced, when the caller knows (else all of them).
   */
  note(transaction: Y.Transaction, listed: () => DeleteSet, advanced?: Iterable<number>): void {
    const deleted = deletedBy(transaction, advanced ?? transaction.afterState.keys());
    if (deleted.size === 0) return;
    const sender = listed().clients as Map<number, DeleteItem[]>;
    for (const [client, ranges] of deleted) {
      const unseen = subtract(ranges, sender.get(client) ?? []);
      if (unseen.length > 0) this.ranges.set(client, merge([...(this.ranges.get(client) ?? []), ...unseen]));
    }
  }

  /**
   * Takes up what `stored` (a state or log the store gave, now applied to `doc`) left
   * unlisted: states are stored narrowed (`narrow`), so the notes outlive a restart or an
   * unload. What a log lists is what any of its entries lists.
   */
  recall(doc: Y.Doc, stored: readonly Uint8Array[]): void {
    const all = Y.createDeleteSetFromStructStore(doc.store).clients as Map<number, DeleteItem[]>;
    if (all.size === 0) return;
    const [only] = stored;
    if (stored.length === 1 && only !== undefined) {
      const full = encodeDeleteSet(all);
      // The usual case, cheap to tell: the state lists every deletion the document holds.
      if (only.length >= full.length && equalBytes(only.subarray(only.length - full.length), full)) return;
    }
    const listed = Y.mergeDeleteSets(stored.map((entry) => Y.decodeUpdate(entry).ds)).clients as Map<
      number,
      DeleteItem[]
    >;
    for (const [client, ranges] of all) {
      const unseen = subtract(ranges, listed.get(client) ?? []);
      if (unseen.length > 0) this.ranges.set(client, merge([...(this.ranges.get(client) ?? []), ...unseen]));
    }
  }

  /**
   * `update`, as Yjs encodes `doc`'s state for some state vector, without the noted deletions
   * in its delete set; `update` itself when there are none.
   */
  narrow(update: Uint8Array, doc: Y.Doc): Uint8Array {
    if (this.ranges.size === 0) return update;
    const all = Y.createDeleteSetFromStructStore(doc.store).clients as Map<number, DeleteItem[]>;
    const full = encodeDeleteSet(all);
    const structsEnd = update.length - full.length;
    // Yjs writes an update's structs, then its delete set; only another Yjs version would not.
    if (structsEnd < 0 || !equalBytes(update.subarray(structsEnd), full)) return update;
    const kept = new Map<number, DeleteItem[]>();
    for (const [client, ranges] of all) {
      const rest = subtract(ranges, this.ranges.get(client) ?? []);
      if (rest.length > 0) kept.set(client, rest);
    }
    const narrowed = encodeDeleteSet(kept);
    const result = new Uint8Array(structsEnd + narrowed.length);
    result.set(update.subarray(0, structsEnd));
    result.set(narrowed, structsEnd);
    return result;
  }
}

/**
 * What `transaction` deleted, per client: the items it deleted, and the structs it added
 * (of the `advanced` clients) deleted already (Yjs stores content that arrives into a
 * collected block as collected).
 */
function deletedBy(transaction: Y.Transaction, advanced: Iterable<number>): Map<number, DeleteItem[]> {
  const deleted = new Map<number, DeleteItem[]>();
  for (const [client, ranges] of transaction.deleteSet.clients as Map<number, DeleteItem[]>) {
    deleted.set(client, [...ranges]);
  }
  const { store } = transaction.doc;
  for (const client of advanced) {
    const after = transaction.afterState.get(client) ?? 0;
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const added: DeleteItem[] = [];
    const structs = store.clients.get(client) ?? [];
    for (let i = structs.length - 1; i >= 0 && structs[i]!.id.clock + structs[i]!.length > before; i--) {
      const struct = structs[i]!;
      const start = Math.max(struct.id.clock, before);
      if (struct.deleted) added.push({ clock: start, len: struct.id.clock + struct.length - start });
    }
    if (added.length > 0) deleted.set(client, merge([...(deleted.get(client) ?? []), ...added]));
  }
  return deleted;
}

/** `ranges` sorted by clock, overlapping and touching ones joined. */
function merge(ranges: DeleteItem[]): DeleteItem[] {
  const sorted = [...ranges].sort((a, b) => a.clock - b.clock);
  const merged: DeleteItem[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.clock + last.len >= range.clock) {
      last.len = Math.max(last.len, range.clock + range.len - last.clock);
    } else merged.push({ clock: range.clock, len: range.len });
  }
  return merged;
}

/** The parts of `ranges` outside every range of `minus` (both of one client). */
function subtract(ranges: DeleteItem[], minus: DeleteItem[]): DeleteItem[] {
  const cuts = merge(minus);
  const rest: DeleteItem[] = [];
  for (const range of merge(ranges)) {
    let start = range.clock;
    const end = range.clock + range.len;
    for (const cut of cuts) {
      if (cut.clock + cut.len <= start || cut.clock >= end) continue;
      if (cut.clock > start) rest.push({ clock: start, len: cut.clock - start });
      start = Math.max(start, cut.clock + cut.len);
    }
    if (start < end) rest.push({ clock: start, len: end - start });
  }
  return rest;
}
