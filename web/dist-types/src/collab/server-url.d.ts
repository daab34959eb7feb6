/**
 * Where the sync server is. The app is normally served by the server itself, so it is the
 * page's own origin; under `vite dev` it is VITE_QUIRE_SERVER (default localhost:1234).
 */
export declare function defaultServerUrl(location?: Location): string;
/** Encodes each path segment so names with spaces, `?` or `#` survive the URL. */
export declare function encodeDocPath(docName: string): string;
