/**
 * LevelDB key layout (version 1). Document names never contain control characters
 * (SPEC: WebSocket), so NUL separates the parts: the prefix of one document can never be
 * the prefix of another. Sequence numbers are fixed-width hex, so keys sort in log order.
 *
 *   v1 \0 u \0 <docName> \0 <seq:16 hex>   one stored update (or a compacted state)
 *   v1 \0 m \0 <docName>                   JSON metadata: { bytes, updatedAt }
 *   v1 \0 vm \0 <docName> \0 <versionId>   JSON version metadata
 *   v1 \0 vs \0 <docName> \0 <versionId>   the version's Yjs state
 *   v1 \0 d \0 <docName>                   state vector of what deletions of this name removed
 *   v1 \0 fm \0 <docName> \0 <fileId>      JSON file metadata: { id, type, size, storedAt }
 *   v1 \0 fb \0 <docName> \0 <fileId>      the file's bytes
 */
const SEP = '\u0000';
const VERSION = 'v1';
const SEQ_WIDTH = 16;

export function updatePrefix(docName: string): string {
  return `${VERSION}${SEP}u${SEP}${docName}${SEP}`;
}

export function updateKey(docName: string, seq: number): string {
  return updatePrefix(docName) + seq.toString(16).padStart(SEQ_WIDTH, '0');
}

export function seqFromUpdateKey(key: string): number {
  return parseInt(key.slice(key.length - SEQ_WIDTH), 16);
}

export const META_PREFIX = `${VERSION}${SEP}m${SEP}`;

export function metaKey(docName: string): string {
  return META_PREFIX + docName;
}

export function docNameFromMetaKey(key: string): string {
  return key.slice(META_PREFIX.length);
}

export function versionMetaPrefix(docName: string): string {
  return `${VERSION}${SEP}vm${SEP}${docName}${SEP}`;
}

export function versionMetaKey(docName: string, versionId: string): string {
  return versionMetaPrefix(docName) + versionId;
}

export function versionStateKey(docName: string, versionId: string): string {
  return `${VERSION}${SEP}vs${SEP}${docName}${SEP}${versionId}`;
}

export const DELETED_PREFIX = `${VERSION}${SEP}d${SEP}`;

export function deletedKey(docName: string): string {
  return DELETED_PREFIX + docName;
}

export function fileMetaPrefix(docName: string): string {
  return `${VERSION}${SEP}fm${SEP}${docName}${SEP}`;
}

export function fileMetaKey(docName: string, fileId: string): string {
  return fileMetaPrefix(docName) + fileId;
}

export function fileBytesKey(docName: string, fileId: string): string {
  return `${VERSION}${SEP}fb${SEP}${docName}${SEP}${fileId}`;
}

/** Upper bound for a range scan over keys starting with `prefix`. */
export function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}

/**
 * The webhook outbox: `v1 \0 wh \0 <seq:16 hex>` holds one pending delivery (JSON), in
 * enqueue order.
 */
export const OUTBOX_PREFIX = `${VERSION}${SEP}wh${SEP}`;

export function outboxKey(seq: number): string {
  return OUTBOX_PREFIX + seq.toString(16).padStart(SEQ_WIDTH, '0');
}
