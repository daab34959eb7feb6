/**
 * What the editor needs from whoever stores its images (SPEC: Files (images)). The editor
 * has no network code (STYLE §1): the session implements this (collab/image-uploads.ts) and
 * the page hands it over. Sources stored in the document never carry a token;
 * `displayUrl` adds what loading one needs, and answers undefined for a source the server
 * would refuse, which the editor then never loads.
 */
import { createCommand, type LexicalCommand } from 'lexical';

export interface ImageFilesEvent {
  src: string;
  /** Why the server refused the upload; the images showing it are removed. */
  refusal?: string;
}

export interface ImageFiles {
  /**
   * Keeps `file` on this device and uploads it now or once the server can be reached;
   * resolves to the source to store. Rejects, with a message for people, a file that is not
   * a PNG, JPEG, GIF or WebP image.
   */
  add(file: Blob): Promise<string>;
  /**
   * The same for bytes already in memory (a pasted `data:` image), at once: the source to
   * store, or undefined when the bytes are not an accepted image.
   */
  addBytes(bytes: Uint8Array): string | undefined;
  displayUrl(src: string): string | undefined;
  /** Whether `src` is an upload still waiting on this device. */
  isPending(src: string): boolean;
  subscribe(listener: (event: ImageFilesEvent) => void): () => void;
}

/** The media types an image upload may have. */
export const IMAGE_FILE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** Asks the images plugin to open its file picker (the toolbar's image button). */
export const OPEN_IMAGE_PICKER_COMMAND: LexicalCommand<void> = createCommand('OPEN_IMAGE_PICKER');
