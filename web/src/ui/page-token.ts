/**
 * The access token of a document page (issue 5). A link carries it as `?token=`; the
 * page keeps it in sessionStorage for that document (so reloads in this tab still work)
 * and removes it from the address bar, where it would leak into bookmarks, screenshots
 * and copied links.
 */
const TOKEN_PARAM = 'token';

export function tokenStorageKey(docName: string): string {
  return `quire:token:${docName}`;
}

export function takePageToken(
  docName: string,
  location: Location = window.location,
  history: History = window.history,
  storage: Storage = window.sessionStorage,
): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl !== null && fromUrl !== '') {
    storage.setItem(tokenStorageKey(docName), fromUrl);
    url.searchParams.delete(TOKEN_PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(tokenStorageKey(docName)) ?? undefined;
}
