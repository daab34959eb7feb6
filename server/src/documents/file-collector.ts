import type { Logger } from 'pino';
import { fileIdOf } from '@quire/shared';
import { imageSourcesInState } from '../content/images.js';
import type { DocStore, FileInfo } from '../storage/doc-store.js';
import type { Clock, Timer } from '../util/clock.js';

/**
 * Removes files no image uses any more (SPEC: Files (images)): every `intervalMs`, each
 * document's files uploaded at least `graceMs` ago that neither the document nor any of its
 * versions shows are deleted. The delay lets an upload reach its image (an editor that was
 * offline sets the source after uploading) and undo bring back an image removed a little
 * earlier. A document unchanged since its last check, with no file newly past its delay, is
 * skipped, so a sweep does not load every document with pictures. In cluster mode each
 * instance sweeps; deleting a file twice is harmless.
 */
export const FILE_COLLECT_INTERVAL_MS = 60 * 60_000;
export const UNUSED_FILE_GRACE_MS = 24 * 60 * 60_000;

export interface FileCollectorOptions {
  store: DocStore;
  /** The document's current Yjs state (loading it if needed). */
  stateOf(docName: string): Promise<Uint8Array>;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  graceMs?: number;
}

export class FileCollector {
  private timer: Timer | undefined;
  private running: Promise<number> | undefined;
  /** Each document's last check: when, and its size and change time then. */
  private readonly checked = new Map<string, { at: number; fingerprint: string }>();

  constructor(private readonly options: FileCollectorOptions) {}

  start(): void {
    this.timer = this.options.clock.setInterval(() => {
      this.collect().catch((err: unknown) => this.options.logger.error({ err }, 'collecting unused files failed'));
    }, this.options.intervalMs ?? FILE_COLLECT_INTERVAL_MS);
  }

  stop(): Promise<unknown> {
    this.options.clock.clear(this.timer);
    return this.running ?? Promise.resolve();
  }

  /** One sweep over every document; resolves to how many files it removed. A sweep under way is joined. */
  collect(): Promise<number> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(): Promise<number> {
    let removed = 0;
    const docs = await this.options.store.list();
    const names = new Set(docs.map((doc) => doc.name));
    for (const name of this.checked.keys()) if (!names.has(name)) this.checked.delete(name);
    for (const doc of docs) {
      try {
        removed += await this.collectDoc(doc.name, `${doc.updatedAt}|${doc.size}`);
      } catch (err) {
        this.options.logger.warn({ err, doc: doc.name }, 'could not collect unused files');
      }
    }
    return removed;
  }

  private async collectDoc(docName: string, fingerprint: string): Promise<number> {
    const { store, clock } = this.options;
    const now = clock.now();
    const dueBefore = now - (this.options.graceMs ?? UNUSED_FILE_GRACE_MS);
    const due = (await store.listFiles(docName)).filter((file) => file.storedAt <= dueBefore);
    const last = this.checked.get(docName);
    // Versions only add images, so an unchanged document with no newly due file has nothing new.
    if (due.length === 0 || (last?.fingerprint === fingerprint && !this.hasNewlyDue(due, last.at))) return 0;
    const used = await this.usedIds(docName);
    const unused = due.filter((file) => !used.has(file.id)).map((file) => file.id);
    await store.deleteFiles(docName, unused);
    this.checked.set(docName, { at: now, fingerprint });
    if (unused.length > 0) this.options.logger.info({ doc: docName, files: unused.length }, 'unused files removed');
    return unused.length;
  }

  /** Whether a file became due since `last` (it was not looked at then). */
  private hasNewlyDue(due: FileInfo[], last: number): boolean {
    const graceMs = this.options.graceMs ?? UNUSED_FILE_GRACE_MS;
    return due.some((file) => file.storedAt + graceMs > last);
  }

  private async usedIds(docName: string): Promise<Set<string>> {
    const { store } = this.options;
    const states = [await this.options.stateOf(docName)];
    for (const version of await store.listVersions(docName)) {
      const found = await store.getVersion(docName, version.id);
      if (found) states.push(found.state);
    }
    const ids = new Set<string>();
    for (const state of states) {
      for (const src of imageSourcesInState(state)) {
        const id = fileIdOf(src, docName);
        if (id !== undefined) ids.add(id);
      }
    }
    return ids;
  }
}
