/** The two pages of the app (SPEC: Web): `/` and `/d/<docName>`. */
export type Route = {
    kind: 'list';
} | {
    kind: 'doc';
    docName: string;
} | {
    kind: 'invalid';
    reason: string;
};
export declare function parseRoute(pathname: string): Route;
export declare function docHref(docName: string): string;
