/** Shapes of the HTTP API (SPEC: HTTP), shared by the server and the web app. */
export interface DocInfo {
  /** Document name. */
  name: string;
  /** Bytes the document occupies in storage. */
  size: number;
  /** ISO 8601 time of the last stored change. */
  updatedAt: string;
}

export interface DocListResponse {
  docs: DocInfo[];
}

export interface HealthResponse {
  /** False while a store of the set-up (Redis, Postgres) cannot be reached; then the status is 503. */
  ok: boolean;
  storage: 'leveldb' | 'redis' | 'postgres' | 'redis+postgres';
  /** Each store the set-up uses and whether it is reachable now. */
  stores: StoreHealth;
  docsLoaded: number;
  connections: number;
}

export type StoreHealth = Partial<Record<'leveldb' | 'redis' | 'postgres', boolean>>;

export interface ErrorResponse {
  error: string;
}

/** What a token lets its holder do with the documents it names (SPEC: Access). */
export const ACCESS_LEVELS = ['read', 'comment', 'write', 'admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Claims of a Quire access token (a JWT signed with HS256). */
export interface TokenClaims {
  /** Who: a stable user id. */
  sub: string;
  /** Display name shown to others, if the issuer knows it. */
  name?: string;
  /** Document names or prefix patterns such as `team/*` (`*` alone: every document). */
  docs: string[];
  access: AccessLevel;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** A named version of a document (SPEC: HTTP, versions). */
export interface VersionInfo {
  /** Sortable id: versions list in creation order. */
  id: string;
  label: string;
  /** `sub` (or name) of whoever saved it; "server" for automatic versions. */
  author: string;
  /** ISO 8601 creation time. */
  createdAt: string;
  /** Bytes of the stored state. */
  size: number;
}

export interface VersionListResponse {
  versions: VersionInfo[];
}
