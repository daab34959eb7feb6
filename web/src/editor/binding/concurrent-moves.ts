/**
 * A block moved by two people at once is kept once (issue 19). Yjs cannot move content, so
 * a move (a paragraph made a list item, a list item indented, a block joined onto the one
 * before) deletes the block and writes a copy. Two people moving the same block at once
 * each write a copy, and both stay.
 *
 * Each editor notes its own moves in a shared map, from the moved block's id to the move
 * (its author and the clocks it wrote). Concurrent notes of one block are a Y.Map conflict,
 * which every document settles the same way: the note that stays names the move that wins.
 * The author of a move that lost deletes its own copy, provided the winning copy holds
 * everything the loser had seen of the block (else both copies stay: nothing is lost).
 * A losing copy block, or a losing join's text, keeps just the words the winning copy lacks
 * (copy-reconcile.ts), and a move taken back by undo lands where the block came back
 * (undone-moves.ts). A copy moved again since is followed through the notes
 * (move-chains.ts), and the copy of a block holding a link is found with the text of its
 * nested elements (moved-copy.ts).
 */
import { isDeleted, Item, XmlText, type Doc, type Map as YMap, type Transaction } from 'yjs';
import { MoveShapes } from './carried-away.js';
import { CarriedBeforeMove } from './carried-before-move.js';
import { carriedOutOfMoved } from './carried-in-moved.js';
import { carriedMoves, yieldCarriedOn } from './carried-text.js';
import { carriedBefore, carriedSharer } from './carried-then-moved.js';
import { charactersWritten } from './copy-finder.js';
import { blocksOf, currentMove, laterMoves, movedOutOf, type OwnMove } from './current-move.js';
import { keepUnmatchedJoined, keepUnmatchedWords } from './copy-reconcile.js';
import { giveWay as noteGivenWay, type MoveRange } from './given-way.js';
import { moveHolding, movesAfter, runHolding } from './move-chains.js';
import { movedBlocks } from './moved-blocks.js';
import { copyWritten, movedOnIn } from './moved-on-copy.js';
import { isNote, writeNote } from './move-note-format.js';
import { MAX_MOVE_NOTES, trimMoveNotes } from './move-notes-trim.js';
import { entryItem, settleOutdone } from './note-order.js';
import { splitCopyWords } from './split-copy.js';
import { trimSplitOffs } from './split-copies.js';
import { isOwnClient, RememberedMoves, type MoveMemory } from './remembered-moves.js';
import { chainedRevivals } from './undone-chains.js';
import { keepRevivedOnce } from './undone-moved-on.js';
import { revivedMoves, winningWords, type MoveNote } from './undone-moves.js';
import { placedAfterOwnMove, sawOwnMove } from './unseen-outer-move.js';
import { deleteOwnCharacters } from './revived-copy.js';
import { dropUndoCopiesCarriedAway } from './undone-carried-away.js';

/**
 * The top-level map of moves: block id ("client:clock") → [client, start, end] of the move
 * (when it was written is kept beside it: move-note-format.ts).
 */
export const MOVES_TYPE = 'quireMoves';

/** Origin of the notes and of the deletion of a losing copy: nobody's edit, undo skips them. */
export const MOVES_ORIGIN = Symbol('quire.moves');

const idOf = (item: Item): string => `${item.id.client}:${item.id.clock}`;

/** Deletes one's own copy: the block, or one's live characters in the clock range (or undo's rewrite of them). */
function deleteCopy(doc: Doc, copy: OwnMove['copy'], clientID: number): void {
  if ('block' in copy) {
    for (const block of blocksOf(copy)) {
      const parent = block.parent as XmlText;
      if (!block.deleted) parent.delete(indexOf(parent, block), 1);
    }
    return;
  }
  deleteOwnCharacters(doc, copy.parent, clientID, [copy.start, copy.end]);
}

function indexOf(parent: XmlText, target: Item): number {
  let index = 0;
  for (let item = parent._start; item !== null && item !== target; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
  }
  return index;
}

/** Deletes one's losing copy, once the words it holds that the move did not copy are safe. */
function giveWayTo(doc: Doc, winner: MoveNote, current: OwnMove): boolean {
  const { copy, note } = current;
  // The given-way note names the two moves' ranges only, not when they were written.
  const range = ([client, start, end]: MoveNote): MoveRange => [client, start, end];
  const live = 'block' in copy ? blocksOf(copy).filter((block) => !block.deleted) : [];
  if (!live.every((block) => noteGivenWay(doc, block, range(note), range(winner)))) return false;
  deleteCopy(doc, copy, note[0]);
  return true;
}

/** The moves a local transaction made: blocks it deleted whose text it wrote again. */
function ownMovesIn(transaction: Transaction): Array<{ key: string; move: OwnMove }> {
  const { doc } = transaction;
  const start = transaction.beforeState.get(doc.clientID) ?? 0;
  const note: MoveNote = [doc.clientID, start, transaction.afterState.get(doc.clientID) ?? 0];
  if (note[2] <= start || transaction.deleteSet.clients.size === 0) return [];
  const moved = movedBlocks(transaction);
  // A block move may carry text too: a Word paste in a list item carries the text after the caret
  // into a paragraph after the list and moves the items after it into a new list (carried-away.ts).
  const carried = carriedMoves(transaction, note);
  if (moved.length === 0) return carried;
  const written = charactersWritten(doc, doc.clientID, note[1], note[2]);
  // A block carried along with text (a link in the rest of a line Enter carried) is copied without the carried text's block.
  const carriedInto = new Set(carried.map(({ move }) => ('parent' in move.copy ? move.copy.parent._item : null)));
  const blockMoves = moved.flatMap(({ block, seen }) => {
    const copy = copyWritten(seen, written, note, (item) => carriedInto.has(item));
    return copy === null ? [] : [{ key: idOf(block), move: { note, seen, copy } }];
  });
  return [...blockMoves, ...carried];
}

/**
 * The words a losing copy is matched against, as candidates: the winner's copy's, with the words
 * its author's Enter carried out of the block before moving it (carried-then-moved.ts).
 */
function winnersWords(
  doc: Doc,
  winnerKey: string,
  winner: MoveNote,
  later: (note: MoveNote) => MoveNote[],
): string[][] {
  const carried = carriedBefore(doc, winnerKey, winner).flatMap((note) => winningWords(doc, note, later).flat());
  return [...winningWords(doc, winner, later), ...splitCopyWords(doc, winner)].map((words) => [...words, ...carried]);
}

/** One's move of a block lost to another's: one's copy keeps only what the winner's lacks. */
function yieldMove(
  doc: Doc,
  notes: YMap<MoveNote>,
  key: string,
  own: Map<string, OwnMove>,
  replaced: CarriedBeforeMove<OwnMove>,
  shapes: MoveShapes,
  winnerKey = key,
): void {
  const winner = notes.get(winnerKey);
  const move = own.get(key)!;
  const movedOn = movedOnIn(doc, notes as YMap<unknown>);
  const current = currentMove(own, move, movedOn);
  if (current === null || !isNote(winner)) return;
  const { copy } = current;
  const laterNotes = (note: MoveNote): MoveNote[] => laterMoves(notes.entries(), note).filter(isNote);
  // The winner's copy, or where its author moved it since (move-chains.ts), holds all one's
  // copy copied: words typed into one's copy since go over to it (given-way.ts). Otherwise
  // (one's copy may also hold words copied along from one's earlier copy) a copy block keeps
  // the words the winner's copy lacks (copy-reconcile.ts), and so do a join's characters in
  // the block it was glued onto.
  const authorsLater = (note: MoveNote): MoveNote[] => movesAfter(notes.entries(), note).filter(isNote);
  const holder = moveHolding(doc, winner, current.seen, laterNotes, authorsLater);
  // A move of a block around one's block that lacks one's words was made by someone who saw one's move.
  if (holder === null && winnerKey !== key && sawOwnMove(doc, winner, current.seen, laterNotes)) return;
  if (winnerKey !== key && placedAfterOwnMove(doc, winner, move.note)) return;
  if ('block' in copy) trimSplitOffs(copy.block, current.note, winningWords(doc, winner, laterNotes));
  const isHeldByWinner = (seen: string): boolean => moveHolding(doc, winner, seen, laterNotes, authorsLater) !== null;
  yieldCarriedOn(own, move, isHeldByWinner, (copy) => deleteCopy(doc, copy, move.note[0]));
  replaced.yieldTo(key, isHeldByWinner, (carried) => deleteCopy(doc, carried.copy, carried.note[0]));
  const theirWords = (): string[][] => winnersWords(doc, winnerKey, winner, laterNotes);
  // Blocks one's later moves took out of the copy (a list item made a heading) keep, as it does, the words the winner lacks.
  const movedOut = movedOutOf(own, current, movedOn);
  const trimMovedOut = (theirs: string[][]): void => movedOut.forEach((block) => keepUnmatchedWords(block, theirs));
  // Words it could not hand over (a link typed into it) stay, as those the winner lacks.
  if (holder !== null && giveWayTo(doc, holder, current)) return trimMovedOut(movedOut.length > 0 ? theirWords() : []);
  if (isJoin(move) && current !== move && current.carried !== true) {
    // A join moved since, with the block it was glued onto: the glued text goes, if the winner holds it.
    const run = isHeldByWinner(move.seen) ? runHolding(doc, current.note, move.seen) : null;
    if (run !== null) deleteCopy(doc, run, current.note[0]);
  } else if ('block' in copy || move.carried === true || current.carried === true) {
    const theirs = theirWords();
    const blocks = 'block' in copy ? blocksOf(copy) : [copy.parent._item].filter((item) => item !== null);
    for (const block of blocks) keepUnmatchedWords(block, theirs);
    trimMovedOut(theirs);
    shapes.dropCarriedAway(doc, notes as YMap<unknown>, key, current.note, blocks, winner);
  } else trimJoin(current, theirWords());
}

/**
 * One's join: its characters keep the words the winner's copy lacks (its mover deleted them,
 * or never had them); the text of the block it was glued onto stays (fuzz seed 166).
 */
function trimJoin({ note, copy }: OwnMove, theirs: string[][]): void {
  if ('block' in copy) return;
  const [client, start, end] = [note[0], copy.start, copy.end];
  const isJoined = (item: Item, offset: number): boolean =>
    item.id.client === client && item.id.clock + offset >= start && item.id.clock + offset < end;
  keepUnmatchedJoined(copy.parent, isJoined, theirs);
}

const isJoin = (move: OwnMove): boolean => !('block' in move.copy);
/** Own moves an undo or redo took back: they now land where the block came back. */
function revivalsIn(transaction: Transaction, own: Map<string, OwnMove>): Array<{ key: string; move: OwnMove }> {
  const { doc } = transaction;
  const note: MoveNote = [
    doc.clientID,
    transaction.beforeState.get(doc.clientID) ?? 0,
    transaction.afterState.get(doc.clientID) ?? 0,
  ];
  const revived = revivedMoves(transaction, own.keys()).map(({ key, block }) => ({
    key,
    move: { note, seen: own.get(key)!.seen, copy: { block } },
  }));
  // Moves of the blocks those moves wrote, taken back by the same undo (undone-chains.ts).
  const isTakenBack = ({ copy }: OwnMove): boolean =>
    'block' in copy && isDeleted(transaction.deleteSet, copy.block.id);
  return [...revived, ...chainedRevivals(own, revived, isTakenBack)];
}

const forgetKeys = (keys: Iterable<string>, stores: Array<{ delete: (key: string) => unknown }>): void => {
  for (const key of keys) for (const store of stores) store.delete(key);
};

/**
 * One's open moves that `keys` (changed notes) outdid, each with the key of the note it
 * gives way to: a rival note of its block, or a move of the list it carried text out of.
 */
function outdoneMoves(
  doc: Doc,
  notes: YMap<unknown>,
  keys: Set<string>,
  open: Map<string, Item | null>,
  own: Map<string, OwnMove>,
  shapes: MoveShapes,
): Array<[own: string, winner: string]> {
  const lost = settleOutdone(notes, keys, open, (client) => isOwnClient(doc, client));
  const within = (key: string): string[] | null => (own.has(key) ? shapes.around(key) : null);
  return [...lost.map((key): [string, string] => [key, key]), ...carriedOutOfMoved(doc, notes, keys, open, within)];
}

/**
 * Runs `yields` after the remote transaction's observers: their events read its changes lazily,
 * from the document as it is then, so a block deleted now would be missing from them (the
 * editor would lose count of its blocks).
 */
const yieldSoon = (doc: Doc, yields: () => void): void => queueMicrotask(() => doc.transact(yields, MOVES_ORIGIN));

/**
 * Keeps one copy of each block moved by several people at once, on `doc`; the shared map
 * keeps the newest `maxNotes` notes; `memory` keeps one's open moves past a reload (remembered-moves.ts).
 * Undo's copies of text someone else's Enter carried away unseen give way too (undone-carried-away.ts).
 */
export function keepOneCopyOfMoves(doc: Doc, maxNotes = MAX_MOVE_NOTES, memory?: MoveMemory): () => void {
  const stopMoves = keepOneCopy(doc, maxNotes, memory);
  const stopUndoCopies = dropUndoCopiesCarriedAway(doc, doc.getMap<unknown>(MOVES_TYPE), MOVES_ORIGIN);
  return () => {
    stopMoves();
    stopUndoCopies();
  };
}

function keepOneCopy(doc: Doc, maxNotes: number, memory?: MoveMemory): () => void {
  const notes = doc.getMap<MoveNote>(MOVES_TYPE);
  const own = new Map<string, OwnMove>();
  /** Own moves whose note has not been outdone by someone else's; for carried text, with the note's entry (note-order.ts). */
  const open = new Map<string, Item | null>();
  // One's carried notes a later own move replaced are shared: a rival copy counts their words as the winner's.
  const replaced = new CarriedBeforeMove<OwnMove>(carriedSharer(doc, notes as YMap<unknown>));
  const remembered = new RememberedMoves(doc, memory);
  const shapes = new MoveShapes();
  const onAfter = (transaction: Transaction): void => {
    if (!transaction.local || transaction.origin === MOVES_ORIGIN) return;
    const moves = [...ownMovesIn(transaction), ...revivalsIn(transaction, own)];
    if (moves.length === 0) return;
    for (const { key } of moves) shapes.note(doc, key, transaction);
    const noteMoves = (): void => {
      for (const { key, move } of moves) {
        replaced.note(key, own.get(key), move);
        own.set(key, move);
        writeNote(doc, notes as YMap<unknown>, key, move.note);
        open.set(key, move.carried === true ? entryItem(notes as YMap<unknown>, key) : null);
      }
      forget(trimMoveNotes(notes as YMap<unknown>, maxNotes));
    };
    // Noted at once, or with the trim of blocks an undo brought back that others moved on (undone-moved-on.ts).
    const later = (note: MoveNote): MoveNote[] => laterMoves(notes.entries(), note).filter(isNote);
    keepRevivedOnce(transaction, moves, own, later, MOVES_ORIGIN, noteMoves);
  };
  const forget = (keys: Iterable<string>): void => forgetKeys(keys, [own, open, replaced, remembered, shapes]);
  const onNotes = (event: { keysChanged: Set<string> }): void => {
    forget(Array.from(event.keysChanged).filter((key) => !notes.has(key)));
    remembered.restore(event.keysChanged, own, open);
    const yields = outdoneMoves(doc, notes as YMap<unknown>, event.keysChanged, open, own, shapes);
    remembered.save(own, open);
    const yieldAll = (): void => yields.forEach(([key, won]) => yieldMove(doc, notes, key, own, replaced, shapes, won));
    if (yields.length > 0) yieldSoon(doc, yieldAll);
  };
  doc.on('afterTransaction', onAfter);
  notes.observe(onNotes);
  return () => {
    doc.off('afterTransaction', onAfter);
    notes.unobserve(onNotes);
  };
}
