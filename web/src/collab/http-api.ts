/**
 * The document HTTP API as the editor uses it (SPEC: HTTP): versions, exports, deletion
 * and the access check. Every call carries the page's token (`Authorization: Bearer`, SPEC:
 * Access). Document names go in one path segment, `/` included (`team%2Fnotes`), which
 * is how the server's `/api/docs/:name` routes expect them.
 */
import type { VersionInfo, VersionListResponse } from '@quire/shared';
import { toHttpUrl } from './server-url.js';
import { retargetImages } from './copy-images.js';

export type ExportFormat = 'markdown' | 'html';

/** A refused or failed API call; `status` is the HTTP status (0: no answer at all). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return `the server answered ${response.status}`;
}

export class DocApi {
  private readonly docUrl: string;

  constructor(
    private readonly serverUrl: string,
    readonly docName: string,
    private readonly token: string | undefined,
  ) {
    this.docUrl = `${toHttpUrl(serverUrl)}/api/docs/${encodeURIComponent(docName)}`;
  }

  /**
   * Makes a new document `target` holding exactly this one's text (its Yjs state, posted
   * as one update; versions stay behind), with its uploaded images. Refuses a name that is
   * taken rather than merge.
   */
  async copyTo(target: string): Promise<void> {
    const copy = new DocApi(this.serverUrl, target, this.token);
    // The versions list answers 404 for a name that is free, without sending a whole state.
    const existing = await copy.request('/versions').catch(() => null);
    if (existing === null) throw new ApiError(0, 'the server cannot be reached');
    if (existing.ok) throw new ApiError(409, `“${target}” already exists`);
    if (existing.status !== 404) throw new ApiError(existing.status, await errorMessage(existing));
    const state = new Uint8Array(await (await this.send('?format=yjs')).arrayBuffer());
    const { update, fileIds } = retargetImages(state, this.docName, target);
    await copy.send('/updates', {
      method: 'POST',
      body: new Uint8Array(update),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    for (const id of fileIds) {
      const file = await (await this.send(`/files/${id}`)).blob();
      await copy.send('/files', { method: 'POST', body: file, headers: { 'Content-Type': file.type } });
    }
  }

  listVersions(): Promise<VersionInfo[]> {
    return this.json<VersionListResponse>('/versions').then((body) => body.versions);
  }

  saveVersion(label: string): Promise<VersionInfo> {
    return this.json<VersionInfo>('/versions', { method: 'POST', body: JSON.stringify({ label }) });
  }

  /** The version rendered as HTML (Lexical's export), for a read-only preview. */
  renderVersion(versionId: string): Promise<string> {
    return this.text(`/versions/${encodeURIComponent(versionId)}?format=html`);
  }

  async restoreVersion(versionId: string): Promise<void> {
    await this.json(`/versions/${encodeURIComponent(versionId)}/restore`, { method: 'POST' });
  }

  /** Deletes the document for everyone (needs `admin` access on a server with tokens). */
  async deleteDocument(): Promise<void> {
    await this.send('', { method: 'DELETE' });
  }

  exportAs(format: ExportFormat): Promise<string> {
    return this.text(`?format=${format}`);
  }

  /**
   * Asks the API whether this token may read the document: tells "no access" (401/403)
   * from "cannot reach the server" when WebSocket upgrades keep failing (issue 5).
   * Resolves to the HTTP status, or 0 when nothing answered.
   */
  async checkAccess(): Promise<number> {
    try {
      return (await this.request('/versions')).status;
    } catch {
      return 0;
    }
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(path, init);
    return (await response.json()) as T;
  }

  private async text(path: string): Promise<string> {
    return (await this.send(path)).text();
  }

  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await this.request(path, init);
    } catch {
      throw new ApiError(0, 'the server cannot be reached');
    }
    if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
    return response;
  }

  private request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.token !== undefined) headers.set('Authorization', `Bearer ${this.token}`);
    if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return fetch(this.docUrl + path, { ...init, headers });
  }
}
