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
  ok: boolean;
  docsLoaded: number;
  connections: number;
}

export interface ErrorResponse {
  error: string;
}
