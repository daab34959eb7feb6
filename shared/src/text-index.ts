import * as Y from 'yjs';

/**
 * The document's characters in reading order, as one string, with where each run of them
 * sits in the editor's Yjs tree (`root` and the element `XmlText`s nested in it). Comment
 * anchors are Yjs positions in that tree; this turns them into offsets in the string (to
 * order threads and read their quote) and back (to anchor a quote found by a program).
 * Blocks end with "\n" in the string, so a quote found in it never joins two blocks' words.
 */
interface Run {
  type: Y.XmlText;
  /** Index in `type` of the run's first character (as Yjs counts: each embed is one). */
  index: number;
  length: number;
  /** Offset of the first character in `text`. */
  offset: number;
}

export class TextIndex {
  text = '';
  private readonly runs: Run[] = [];
  /** Per block: its runs, the offset of its first character and the one just after its last. */
  private readonly blocks = new Map<unknown, { runs: Run[]; start: number; end: number }>();

  constructor(root: Y.XmlText) {
    this.walk(root);
  }

  /** Offset in `text` of a Yjs position; null when it is in no live block (its text was deleted with its block). */
  offsetOf(position: Y.AbsolutePosition): number | null {
    const block = this.blocks.get(position.type);
    if (block === undefined) return null;
    for (const run of block.runs) {
      if (position.index <= run.index) return run.offset;
      if (position.index <= run.index + run.length) return run.offset + position.index - run.index;
    }
    return block.end;
  }

  /** Where a live block's text (nested blocks included) lies in `text`; null for a deleted one. */
  rangeOf(type: Y.XmlText): { from: number; to: number } | null {
    const block = this.blocks.get(type);
    return block === undefined ? null : { from: block.start, to: block.end };
  }

  /**
   * Relative positions around `text.slice(from, to)`: the start sticks to the first
   * character, the end to the last, so typing just outside the range stays outside it.
   */
  anchorOf(from: number, to: number): { start: Y.RelativePosition; end: Y.RelativePosition } | null {
    const first = this.runs.find((run) => from >= run.offset && from < run.offset + run.length);
    const last = this.runs.find((run) => to > run.offset && to <= run.offset + run.length);
    if (first === undefined || last === undefined || to <= from) return null;
    return {
      start: Y.createRelativePositionFromTypeIndex(first.type, first.index + from - first.offset, 0),
      end: Y.createRelativePositionFromTypeIndex(last.type, last.index + to - last.offset, -1),
    };
  }

  private walk(type: Y.XmlText): void {
    const block = { runs: [] as Run[], start: this.text.length, end: 0 };
    this.blocks.set(type, block);
    let index = 0;
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const { content } = item;
      if (content instanceof Y.ContentString) {
        const run = { type, index, length: content.str.length, offset: this.text.length };
        this.runs.push(run);
        block.runs.push(run);
        this.text += content.str;
      } else if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) {
        this.walk(content.type);
        this.text += '\n';
      }
      index += item.length;
    }
    block.end = this.text.length;
  }
}
