import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { FILE_ID_PATTERN, fileUrl } from '@quire/shared';
import { HttpError } from '../errors.js';
import type { DocStore, StoredFile } from '../storage/doc-store.js';
import type { Clock } from '../util/clock.js';

/**
 * Uploaded files (SPEC: Files (images)). Only PNG, JPEG, GIF and WebP are kept, and the type
 * is read from the bytes (`file-type`), never believed from the request: SVG (scripts),
 * HTML dressed as an image and anything unknown get 415, as does a declared type that is not
 * the sniffed one. Files are addressed by content (sha256), so uploading the same bytes
 * again gives the same id and only refreshes its upload time, which the collector of unused
 * files (`file-collector.ts`) counts its delay from.
 */
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export interface UploadAnswer {
  id: string;
  url: string;
  type: string;
  size: number;
}

export interface FileServiceOptions {
  store: DocStore;
  clock: Clock;
  logger: Logger;
}

export class FileService {
  constructor(private readonly options: FileServiceOptions) {}

  /** 404 unless `docName` exists: files live with their document. */
  async requireDocument(docName: string): Promise<void> {
    if (!(await this.options.store.exists(docName))) throw new HttpError(404, 'no such document');
  }

  async upload(docName: string, bytes: Uint8Array, declaredType: string | undefined): Promise<UploadAnswer> {
    if (bytes.byteLength === 0) throw new HttpError(400, 'empty body');
    const type = await sniffImageType(bytes);
    if (declaredType !== type) throw new HttpError(415, `Content-Type does not match the file, which is ${type}`);
    const id = createHash('sha256').update(bytes).digest('hex');
    const { store, clock } = this.options;
    await store.putFile(docName, { id, type, size: bytes.byteLength, storedAt: clock.now() }, bytes);
    // A deletion that ran meanwhile must not leave this file behind under a vanished name.
    if (!(await store.exists(docName))) {
      await store.deleteFiles(docName, [id]);
      throw new HttpError(404, 'no such document');
    }
    this.options.logger.info({ doc: docName, bytes: bytes.byteLength }, 'file uploaded');
    return { id, url: fileUrl(docName, id), type, size: bytes.byteLength };
  }

  async read(docName: string, id: string): Promise<StoredFile> {
    if (!FILE_ID_PATTERN.test(id)) throw new HttpError(400, 'a file id is 64 lower-case hex digits');
    const file = await this.options.store.getFile(docName, id);
    if (!file) throw new HttpError(404, 'no such file');
    return file;
  }
}

async function sniffImageType(bytes: Uint8Array): Promise<string> {
  // Loaded with the first upload: an idle server never pays for the type sniffer.
  const { fileTypeFromBuffer } = await import('file-type');
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed || !IMAGE_TYPES.includes(sniffed.mime)) {
    throw new HttpError(415, 'only PNG, JPEG, GIF and WebP images are accepted');
  }
  return sniffed.mime;
}
