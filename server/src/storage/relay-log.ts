import { ftruncateSync, writeSync } from 'node:fs';
import { open, readdir, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchOp } from './group-commit.js';
import { decodeRecords } from './relay-log-format.js';

/**
 * The relay log's files (SPEC: Guarantees, durability; docs/architecture.md, Durability): an
 * append-only file in the data folder that every LevelDB batch is written to, with one
 * synchronous `write`, before LevelDB gets it. Once `append` returns, the operating system
 * holds the batch, so a `kill -9` cannot lose it, which is what a LevelDB write without
 * sync promised; LevelDB's own write then happens later, off the relay path. `sync` makes
 * everything appended so far survive a crash of the machine.
 *
 * The log is a series of segments, `quire-relay-NNNNNNNN.wal`. When the current one is
 * full a new one starts; a full segment is removed once LevelDB holds (synced) every batch
 * in it. On open, the complete records of every segment are applied to LevelDB again, in
 * order (replaying puts and deletes in order ends in the same state however much of them
 * LevelDB already had), then the segments are removed and a new one starts.
 */
const SEGMENT_NAME = /^quire-relay-(\d{8})\.wal$/;
/** A segment this large is full: replaying one takes well under a second. */
export const SEGMENT_BYTES = 8 * 1024 * 1024;

export interface Segment {
  readonly path: string;
  readonly handle: FileHandle;
  /** Bytes appended so far. */
  size: number;
  /** Whether something was appended since its last sync started. */
  isDirty: boolean;
}

export class RelayLog {
  /** Segments not removed yet, the current one last. */
  private readonly segments: Segment[];
  /** Whether a segment was created or removed since the folder was last synced. */
  private isFolderDirty = true;
  private isRotating = false;
  /** A failed write could not be cut off: later records would be unreadable after it. */
  private isBroken = false;
  private nextNumber: number;

  private constructor(
    private readonly dir: string,
    first: Segment,
    number: number,
  ) {
    this.segments = [first];
    this.nextNumber = number + 1;
  }

  /**
   * Replays what an earlier process left (see `replayRelayLog`), removes those segments and
   * starts a new one.
   */
  static async open(dir: string, apply: ApplyBatch, syncLevel: () => Promise<void>): Promise<RelayLog> {
    const number = await replayRelayLog(dir, apply, syncLevel);
    return new RelayLog(dir, await createSegment(dir, number), number);
  }

  private get current(): Segment {
    return this.segments.at(-1)!;
  }

  /**
   * Appends one record with a synchronous write. If the write fails (disk full), what it
   * wrote is cut off again so later records stay readable, and the error is thrown.
   */
  append(record: Buffer): void {
    if (this.isBroken) throw new Error('the relay log holds a failed write that could not be cut off');
    const segment = this.current;
    let written = 0;
    try {
      while (written < record.byteLength) {
        const position = segment.size + written;
        written += writeSync(segment.handle.fd, record, written, record.byteLength - written, position);
      }
    } catch (err) {
      if (written > 0) this.cutOff(segment);
      throw err;
    }
    segment.size += written;
    segment.isDirty = true;
  }

  /** Whether the current segment is full (see `rotate`). */
  get isFull(): boolean {
    return this.current.size >= SEGMENT_BYTES && !this.isRotating;
  }

  /** Starts a new segment; returns the full one. */
  async rotate(): Promise<Segment | undefined> {
    const full = this.current;
    if (!this.isFull) return undefined;
    // Appends go on meanwhile, into the full segment until the new one exists.
    this.isRotating = true;
    try {
      this.segments.push(await createSegment(this.dir, this.nextNumber++));
    } finally {
      this.isRotating = false;
    }
    this.isFolderDirty = true;
    return full;
  }

  private cutOff(segment: Segment): void {
    try {
      ftruncateSync(segment.handle.fd, segment.size);
    } catch {
      this.isBroken = true;
    }
  }

  /** Resolves once everything appended before the call is on disk. */
  async sync(): Promise<void> {
    const dirty = this.segments.filter((segment) => segment.isDirty);
    for (const segment of dirty) segment.isDirty = false;
    const isFolderDirty = this.isFolderDirty;
    this.isFolderDirty = false;
    try {
      await Promise.all(dirty.map((segment) => segment.handle.datasync()));
      // A new segment's name must reach the disk too, or a crash could lose the whole file.
      if (isFolderDirty) await syncFolder(this.dir);
    } catch (err) {
      for (const segment of dirty) segment.isDirty = true;
      this.isFolderDirty ||= isFolderDirty;
      throw err;
    }
  }

  /** Removes a full segment whose every batch LevelDB holds, synced. */
  async remove(segment: Segment): Promise<void> {
    this.segments.splice(this.segments.indexOf(segment), 1);
    await segment.handle.close();
    await unlink(segment.path);
    this.isFolderDirty = true;
  }

  /** Closes every segment; with `removeAll` (LevelDB holds everything, synced) removes them too. */
  async close(removeAll: boolean): Promise<void> {
    for (const segment of this.segments.splice(0)) {
      await segment.handle.close();
      if (removeAll) await unlink(segment.path);
    }
  }
}

/** Writes a batch into LevelDB. */
export type ApplyBatch = (ops: BatchOp[]) => Promise<void>;

/** Replayed batches go into LevelDB this many operations at a time (order is kept within one). */
const REPLAY_CHUNK_OPS = 10_000;

/**
 * Replays the segments an earlier process left (also when the store now writes without the
 * log: their batches may not be in LevelDB yet): `apply`s their batches in order, then
 * `syncLevel`s LevelDB and removes them. Returns the next segment's number.
 */
export async function replayRelayLog(dir: string, apply: ApplyBatch, syncLevel: () => Promise<void>): Promise<number> {
  const names = (await readdir(dir)).filter((name) => SEGMENT_NAME.test(name)).sort();
  let chunk: BatchOp[] = [];
  for (const name of names) {
    for (const ops of decodeRecords(await readFile(join(dir, name))).batches) {
      for (const op of ops) chunk.push(op);
      if (chunk.length < REPLAY_CHUNK_OPS) continue;
      await apply(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await apply(chunk);
  if (names.length > 0) await syncLevel();
  for (const name of names) await unlink(join(dir, name));
  if (names.length > 0) await syncFolder(dir);
  const last = names.at(-1);
  return last === undefined ? 1 : Number(SEGMENT_NAME.exec(last)![1]) + 1;
}

async function createSegment(dir: string, number: number): Promise<Segment> {
  const path = join(dir, `quire-relay-${String(number).padStart(8, '0')}.wal`);
  // `wx`: a segment is never written by two stores (LevelDB's lock already says one process).
  return { path, handle: await open(path, 'wx'), size: 0, isDirty: false };
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
