/**
 * This device's copies of documents (issue 3: offline): one IndexedDB database per
 * document and person, named with a prefix that keeps ours recognisable among the origin's
 * others.
 *
 * A copy belongs to whoever the token says the page is (its `sub`): changes made offline
 * are sent only by a page of that same person. Two people sharing a browser profile never
 * load each other's unsent changes, which the server would refuse (a comment is accepted
 * only from its author) and the page would otherwise send again at every reconnect.
 * Without a readable `sub` (an open server, an opaque token) the copy is the document's
 * plain one, `quire:<name>`: the name every copy had before copies had owners, so copies
 * made on an open server carry on as they were. An older copy made with a token stays
 * with that plain name and is not sent by a token page: handing it to whoever opens the
 * document first could send one person's comments under another's name.
 */
import type { TokenInfo } from './access-token.js';

const PREFIX = 'quire:';
/** Between the document's name and its owner; document names hold no control characters. */
const OWNER_SEPARATOR = '\u001e';

/** Whose copy a page with this token reads and writes: the token's `sub`, or null for the plain copy. */
export function copyOwnerOf(tokenInfo: TokenInfo | null): string | null {
  return tokenInfo?.sub ?? null;
}

export function offlineStoreName(docName: string, owner: string | null = null): string {
  return owner === null ? `${PREFIX}${docName}` : `${PREFIX}${docName}${OWNER_SEPARATOR}${owner}`;
}

/** The document a copy's database name is of, whoever owns it. */
function docNameOfStore(databaseName: string): string {
  return databaseName.slice(PREFIX.length).split(OWNER_SEPARATOR)[0] ?? '';
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
  const docNames = new Set(kept.flat().map(docNameOfStore));
  return [...docNames].sort((a, b) => a.localeCompare(b));
}
