/**
 * Redis key layout of cluster mode (SPEC: Cluster mode). A document's keys share the
 * `{docName}` hash tag so they stay together on one Redis node.
 *
 *   quire:docs                          sorted set: docName → last change (ms)
 *   quire:docsizes                      hash: docName → bytes stored
 *   quire:control                       pub/sub: deletions
 *   quire:doc:{name}:state              compacted Yjs state (everything up to state-id)
 *   quire:doc:{name}:state-id           stream id of the last entry merged into state
 *   quire:doc:{name}:log                stream of updates after state-id: u = update, i = instance,
 *                                       d = the deletions of u that instance relayed, when not all
 *   quire:doc:{name}:seed-claim         short-lived claim to seed a new document
 *   quire:doc:{name}:versions           hash: version id → JSON metadata
 *   quire:doc:{name}:version:<id>       a version's Yjs state
 *   quire:doc:{name}:deleted            state vector of what deletions of this name removed
 *   quire:doc:{name}:files              hash: file id → JSON metadata
 *   quire:doc:{name}:file:<id>          a file's bytes
 *   quire:aw:{name}                     pub/sub: awareness updates
 *
 * With --postgres too, Postgres holds the documents at rest, the stream only what came
 * after, and these say who is using a document, so idle ones leave Redis:
 *   quire:active                        sorted set: docName → last time an instance held it (ms)
 *   quire:doc:{name}:holders            sorted set: instance id → its last heartbeat (ms)
 *   quire:doc:{name}:offload            short-lived lock of the instance moving it to Postgres
 */
export const DOCS_INDEX = 'quire:docs';
export const DOC_SIZES = 'quire:docsizes';
export const CONTROL_CHANNEL = 'quire:control';
export const ACTIVE_DOCS = 'quire:active';

export interface DocKeys {
  state: string;
  stateId: string;
  log: string;
  seedClaim: string;
  versions: string;
  version(id: string): string;
  deleted: string;
  awareness: string;
  holders: string;
  offloadLock: string;
  files: string;
  file(id: string): string;
}

export function docKeys(docName: string): DocKeys {
  const base = `quire:doc:{${docName}}`;
  return {
    state: `${base}:state`,
    stateId: `${base}:state-id`,
    log: `${base}:log`,
    seedClaim: `${base}:seed-claim`,
    versions: `${base}:versions`,
    version: (id) => `${base}:version:${id}`,
    deleted: `${base}:deleted`,
    awareness: `quire:aw:{${docName}}`,
    holders: `${base}:holders`,
    offloadLock: `${base}:offload`,
    files: `${base}:files`,
    file: (id) => `${base}:file:${id}`,
  };
}

/** The SCAN pattern of every deletion record, and the document name in one such key. */
export const DELETED_PATTERN = 'quire:doc:{*}:deleted';

export function docNameFromDeletedKey(key: string): string | undefined {
  const [prefix, suffix] = ['quire:doc:{', '}:deleted'];
  if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length < prefix.length + suffix.length) return undefined;
  return key.slice(prefix.length, key.length - suffix.length);
}

/** The smallest stream id greater than `id` ("ms-seq"). */
export function nextStreamId(id: string): string {
  const [ms, seq] = id.split('-');
  return `${ms}-${Number(seq ?? 0) + 1}`;
}

/** Whether stream id `a` comes after `b`. */
export function isAfter(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs !== bMs ? aMs > bMs : aSeq > bSeq;
}

/**
 * The fields of a stream entry: the update as stored, who stored it, and (issue #19) the
 * deletions it relayed when those were fewer (as an update without structs), so the other
 * instances relay the same.
 */
export function entryFields(
  update: Uint8Array,
  instanceId: string,
  relayedDeletions?: Uint8Array,
): (string | Buffer)[] {
  const fields: (string | Buffer)[] = ['u', Buffer.from(update), 'i', instanceId];
  if (relayedDeletions !== undefined) fields.push('d', Buffer.from(relayedDeletions));
  return fields;
}

/** The value of field `name` in a stream entry's flat field list. */
export function fieldOf(fields: Buffer[], name: string): Uint8Array | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i]?.toString() === name) {
      const value = fields[i + 1] as Buffer;
      return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return undefined;
}
