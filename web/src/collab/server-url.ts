/**
 * Where the sync server is. The app is normally served by the server itself, so it is the
 * page's own origin; under `vite dev` it is VITE_QUIRE_SERVER (default localhost:1234).
 * Embedders pass a server address in either scheme (`https://…` or `wss://…`); the
 * WebSocket and the HTTP API are on the same host and port.
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

function withScheme(serverUrl: string, secure: string, plain: string): string {
  const url = new URL(serverUrl);
  const isSecure = url.protocol === 'https:' || url.protocol === 'wss:';
  return `${isSecure ? secure : plain}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** `ws(s)://host[/prefix]` for the provider, from either form of the server address. */
export function toWebSocketUrl(serverUrl: string): string {
  return withScheme(serverUrl, 'wss:', 'ws:');
}

/** `http(s)://host[/prefix]` for `/api` calls, from either form of the server address. */
export function toHttpUrl(serverUrl: string): string {
  return withScheme(serverUrl, 'https:', 'http:');
}
