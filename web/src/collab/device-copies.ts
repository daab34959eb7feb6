/**
 * This device's copies of documents (issue 3: offline): one IndexedDB database per
 * document, named with a prefix that keeps ours recognisable among the origin's others.
 */
const PREFIX = 'quire:';

export function offlineStoreName(docName: string): string {
  return `${PREFIX}${docName}`;
}

/** y-indexeddb's store of a copy's updates. */
const UPDATES_STORE = 'updates';

/** Yjs' encoding of an update that carries nothing: no structs, no deletions. */
const EMPTY_UPDATE_BYTES = 2;

/**
 * Whether a copy holds any content. Opening a document offline that was never synced here
 * leaves a copy with only empty updates in it.
 */
function holdsContent(databaseName: string): Promise<boolean> {
  return new Promise((resolve) => {
    const opening = indexedDB.open(databaseName);
    opening.onerror = () => resolve(false);
    opening.onsuccess = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains(UPDATES_STORE)) {
        db.close();
        resolve(false);
        return;
      }
      const transaction = db.transaction(UPDATES_STORE, 'readonly');
      transaction.oncomplete = () => db.close();
      const reading = transaction.objectStore(UPDATES_STORE).openCursor();
      reading.onerror = () => resolve(false);
      reading.onsuccess = () => {
        const cursor = reading.result;
        if (cursor === null) resolve(false);
        else if (cursor.value instanceof Uint8Array && cursor.value.byteLength > EMPTY_UPDATE_BYTES) resolve(true);
        else cursor.continue();
      };
    };
  });
}

/** Names of the documents this browser keeps a copy of, sorted; empty where it cannot tell. */
export async function docsKeptOnDevice(): Promise<string[]> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
  const names = (await indexedDB.databases()).flatMap(({ name }) => (name?.startsWith(PREFIX) === true ? [name] : []));
  const kept = await Promise.all(names.map(async (name) => ((await holdsContent(name)) ? [name] : [])));
  return kept
    .flat()
    .map((name) => name.slice(PREFIX.length))
    .sort((a, b) => a.localeCompare(b));
}
