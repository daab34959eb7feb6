/**
 * Where the sync server is. The app is normally served by the server itself, so it is the
 * page's own origin; under `vite dev` it is VITE_QUIRE_SERVER (default localhost:1234).
 */
export function defaultServerUrl(location: Location = window.location): string {
  const configured: unknown = import.meta.env['VITE_QUIRE_SERVER'];
  if (import.meta.env.DEV) return typeof configured === 'string' ? configured : 'ws://localhost:1234';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}`;
}

/** Encodes each path segment so names with spaces, `?` or `#` survive the URL. */
export function encodeDocPath(docName: string): string {
  return docName.split('/').map(encodeURIComponent).join('/');
}
