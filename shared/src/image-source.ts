/**
 * Where an image in a Quire document may point (SPEC: Files (images)): at a file of its own
 * document (`/api/docs/<encoded name>/files/<sha256 hex>`, written without a token: tokens
 * never go into documents, the editor adds its own when it shows the image) or at an
 * `https:` URL. The server refuses updates with any other source, and the editor never loads
 * one, so both sides read this one rule.
 */

/** A file's id: the sha256 of its bytes, in lower-case hex. */
export const FILE_ID_PATTERN = /^[0-9a-f]{64}$/;
/** Longer sources are refused: no editor writes one, and each is stored in every copy. */
export const MAX_IMAGE_SRC_LENGTH = 2048;
/** Alt text longer than this is refused in updates and cut on import. */
export const MAX_ALT_TEXT_LENGTH = 1000;
/** The widest width (CSS pixels) an image may be given. */
export const MAX_IMAGE_WIDTH = 4096;

/** The path of file `id` of document `docName`, as stored in image nodes. */
export function fileUrl(docName: string, id: string): string {
  return `${filesPrefix(docName)}${id}`;
}

function filesPrefix(docName: string): string {
  return `/api/docs/${encodeURIComponent(docName)}/files/`;
}

/** The file id `src` points at when it is a file of `docName`; undefined otherwise. */
export function fileIdOf(src: string, docName: string): string | undefined {
  const prefix = filesPrefix(docName);
  if (!src.startsWith(prefix)) return undefined;
  const id = src.slice(prefix.length);
  return FILE_ID_PATTERN.test(id) ? id : undefined;
}

/**
 * Whether an image of document `docName` may have `src`. Without a document name (content
 * not yet attached to a document) only `https:` URLs pass.
 */
export function isAllowedImageSrc(src: unknown, docName: string | undefined): boolean {
  if (typeof src !== 'string' || src.length === 0 || src.length > MAX_IMAGE_SRC_LENGTH) return false;
  if (docName !== undefined && fileIdOf(src, docName) !== undefined) return true;
  return isHttpsUrl(src);
}

/** An absolute `https:` URL with nothing a browser would read differently from the server. */
function isHttpsUrl(src: string): boolean {
  // Whitespace, quotes, angle brackets and backslashes are refused outright: browsers strip or
  // reinterpret them, so the URL checked here would not be the one loaded.
  if (!/^https:\/\/[^\s"'<>\\]+$/i.test(src) || hasControlCharacter(src)) return false;
  try {
    const url = new URL(src);
    return url.protocol === 'https:' && url.host !== '';
  } catch {
    return false;
  }
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
