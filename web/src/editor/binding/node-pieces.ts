/**
 * One's own characters in a moved block, gathered into pieces to write again into the
 * mover's copy (given-way.ts, moved-text-rescue.ts), keep their text nodes (issue 19). Own
 * characters in a row with no seen character between them made one piece, written into one
 * text node like the first's: a tab and the italic words typed after it became one tab
 * node, which shows only its tab, so the words were gone (the seeded fuzz, seed 24 at 48
 * steps). Characters after a text node's start (its marker, a Y.Map) begin a piece of their
 * own, which piece-places.ts then puts in a text node like theirs.
 */
import { ContentType, Map as YMap, type Item } from 'yjs';
import type { Piece } from './copy-finder.js';
import type { PieceNode } from './piece-places.js';

/** `item` starts a text node (Lexical's properties of it sit in a Y.Map before its characters). */
export const startsTextNode = (item: Item): boolean =>
  item.content instanceof ContentType && item.content.type instanceof YMap;

/** The pieces of one block, in order, as they are read item by item. */
export class OwnPieces {
  readonly pieces: Piece[] = [];
  private isNewNode = false;

  /** A live text node starts here: own characters after it do not continue the last piece. */
  passNodeStart(): void {
    this.isNewNode = true;
  }

  /**
   * Own `text` after `at` seen characters: onto the last piece when it follows it in the same
   * text node, else a new piece (`nodeOf` tells how it sat). Its piece's index.
   */
  add(at: number, text: string, nodeOf: () => PieceNode | undefined): number {
    const last = this.pieces[this.pieces.length - 1];
    if (last !== undefined && last.at === at && !this.isNewNode) last.text += text;
    else this.pieces.push({ at, text, node: nodeOf() });
    this.isNewNode = false;
    return this.pieces.length - 1;
  }
}
