/**
 * Image files of one document on this device (SPEC: Files (images)). A file is named by the
 * sha256 of its bytes, as the server names it, so its source is known at once: the image
 * goes into the document straight away, offline too, and the bytes wait in IndexedDB
 * (`idb-keyval`) until an upload succeeds. A reload finds them there and goes on. The
 * server refusing a file (400, 413, 415) ends its wait and is reported, so the editor can
 * take the image out; any other failure (offline, 5xx, a document not there yet) is
 * retried on the next sync, when the browser comes online, and every few seconds.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import { fileIdOf, fileUrl, isAllowedImageSrc } from '@quire/shared';
import { toHttpUrl } from './server-url.js';

export interface ImageUploadsOptions {
  serverUrl: string;
  docName: string;
  token?: string | undefined;
  /** Whose files these are (device-copies.ts): another person's waiting files are not sent under this token. */
  owner?: string | null | undefined;
}

export interface ImageUploadEvent {
  src: string;
  refusal?: string;
}

interface StoredUpload {
  docName: string;
  /** Absent in files kept before uploads had owners, and for the plain copy's. */
  owner?: string;
  id: string;
  type: string;
  blob: Blob;
}

const RETRY_MS = 5000;
const REFUSED_STATUSES = new Set([400, 413, 415]);

export class ImageRefusedError extends Error {
  override name = 'ImageRefused';
}

export class ImageUploads {
  private readonly waiting = new Map<string, StoredUpload>();
  /** Object URLs of the files added or restored here, shown instead of the server's copy. */
  private readonly localUrls = new Map<string, string>();
  private readonly listeners = new Set<(event: ImageUploadEvent) => void>();
  private readonly db: UseStore = createStore('quire-image-uploads', 'pending');
  private flushing: Promise<void> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private isDestroyed = false;

  constructor(private readonly options: ImageUploadsOptions) {
    this.restore().catch(() => undefined);
    window.addEventListener('online', this.onOnline);
  }

  async add(file: Blob): Promise<string> {
    const src = this.addBytes(new Uint8Array(await file.arrayBuffer()));
    if (src === undefined) throw new ImageRefusedError('Only PNG, JPEG, GIF and WebP images can be added.');
    return src;
  }

  addBytes(bytes: Uint8Array): string | undefined {
    const type = sniffImageType(bytes);
    if (type === undefined) return undefined;
    const upload: StoredUpload = {
      docName: this.options.docName,
      ...(this.owner === null ? {} : { owner: this.owner }),
      id: bytesToHex(sha256(bytes)),
      type,
      blob: new Blob([new Uint8Array(bytes)], { type }),
    };
    this.keep(upload);
    // Without IndexedDB (some private windows) the file still uploads; only a reload loses it.
    set(this.keyOf(upload.id), upload, this.db)
      .catch(() => undefined)
      .finally(() => void this.flush());
    return fileUrl(upload.docName, upload.id);
  }

  displayUrl(src: string): string | undefined {
    const { docName, token } = this.options;
    if (!isAllowedImageSrc(src, docName)) return undefined;
    const id = fileIdOf(src, docName);
    if (id === undefined) return src;
    const local = this.localUrls.get(id);
    if (local !== undefined) return local;
    const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
    return `${toHttpUrl(this.options.serverUrl)}${src}${query}`;
  }

  isPending(src: string): boolean {
    const id = fileIdOf(src, this.options.docName);
    return id !== undefined && this.waiting.has(id);
  }

  subscribe(listener: (event: ImageUploadEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Uploads everything waiting; one run at a time. */
  flush(): Promise<void> {
    if (this.isDestroyed || this.waiting.size === 0) return Promise.resolve();
    this.flushing ??= this.uploadAll().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  destroy(): void {
    this.isDestroyed = true;
    clearInterval(this.timer);
    window.removeEventListener('online', this.onOnline);
    for (const url of this.localUrls.values()) URL.revokeObjectURL(url);
    this.localUrls.clear();
  }

  private readonly onOnline = (): void => void this.flush();

  private async restore(): Promise<void> {
    for (const [, value] of await entries<string, StoredUpload>(this.db)) {
      const isOurs = value.docName === this.options.docName && (value.owner ?? null) === this.owner;
      if (isOurs && !this.isDestroyed) this.keep(value);
    }
    await this.flush();
  }

  private keep(upload: StoredUpload): void {
    this.waiting.set(upload.id, upload);
    if (!this.localUrls.has(upload.id)) this.localUrls.set(upload.id, URL.createObjectURL(upload.blob));
    this.timer ??= setInterval(() => void this.flush(), RETRY_MS);
    this.emit({ src: fileUrl(upload.docName, upload.id) });
  }

  private async uploadAll(): Promise<void> {
    for (const upload of [...this.waiting.values()]) {
      const { status, refusal } = await this.send(upload);
      if (status === 201 || refusal !== undefined) await this.settle(upload, refusal);
      if (status === 0) break;
    }
    if (this.waiting.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** The answer's status (0 when nothing answered), and why the server refused the file. */
  private async send(upload: StoredUpload): Promise<{ status: number; refusal?: string }> {
    const { serverUrl, docName, token } = this.options;
    const headers: Record<string, string> = { 'Content-Type': upload.type };
    if (token !== undefined) headers['Authorization'] = `Bearer ${token}`;
    try {
      const url = `${toHttpUrl(serverUrl)}/api/docs/${encodeURIComponent(docName)}/files`;
      const res = await fetch(url, { method: 'POST', headers, body: upload.blob });
      if (REFUSED_STATUSES.has(res.status)) return { status: res.status, refusal: await refusalOf(res) };
      return { status: res.status };
    } catch {
      return { status: 0 };
    }
  }

  private async settle(upload: StoredUpload, refusal: string | undefined): Promise<void> {
    this.waiting.delete(upload.id);
    await del(this.keyOf(upload.id), this.db).catch(() => undefined);
    const src = fileUrl(upload.docName, upload.id);
    this.emit(refusal === undefined ? { src } : { src, refusal });
  }

  private emit(event: ImageUploadEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private get owner(): string | null {
    return this.options.owner ?? null;
  }

  private keyOf(id: string): string {
    const key = `${this.options.docName}\u0000${id}`;
    return this.owner === null ? key : `${key}\u0000${this.owner}`;
  }
}

async function refusalOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') return `The server refused the image: ${body.error}.`;
  } catch {
    // Not JSON: the status says enough.
  }
  return `The server refused the image (${res.status}).`;
}

/** The type the server's sniffer will find, from the same leading bytes. */
function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (...prefix: number[]): boolean => prefix.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const isRiff = starts(0x52, 0x49, 0x46, 0x46);
  if (isRiff && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}
