import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { TokenClaims, VersionInfo } from '@quire/shared';
import { CloseCode } from '@quire/shared';
import type { DocStore } from '../storage/doc-store.js';
import type { RoomRegistry } from '../rooms/registry.js';
import type { Room } from '../rooms/room.js';
import type { Fanout } from '../rooms/fanout.js';
import { HttpError } from '../errors.js';
import { renderDocument, renderEditorState, type RenderFormat } from '../content/render.js';
import { updateToBlocks, type Blocks } from '../content/change.js';

/**
 * What programs can do to documents over HTTP (SPEC: HTTP): read them in any format,
 * change them with Yjs updates or new content, delete them, and keep named versions.
 * Every change goes through the live room, so it is stored and relayed to editors
 * exactly like a collaborator's, and resolves only once it is on disk.
 */
export const API_ORIGIN = 'api';

export interface DocServiceOptions {
  store: DocStore;
  registry: RoomRegistry;
  fanout: Fanout;
  logger: Logger;
  /** Save an automatic version after this much time with changes; 0 = never. */
  autoVersionMs: number;
}

export class DocService {
  private readonly lastVersionAt = new Map<string, number>();

  constructor(private readonly options: DocServiceOptions) {}

  /** Hook for the registry: saves an automatic version when one is due. */
  readonly onDurableChange = (room: Room): void => {
    const { autoVersionMs } = this.options;
    if (autoVersionMs <= 0) return;
    const now = Date.now();
    const last = this.lastVersionAt.get(room.docName);
    if (last === undefined) {
      this.lastVersionAt.set(room.docName, now);
      return;
    }
    if (now - last < autoVersionMs) return;
    this.lastVersionAt.set(room.docName, now);
    this.saveVersion(room.docName, Y.encodeStateAsUpdate(room.doc), 'Automatic', 'server').catch((err: unknown) =>
      this.options.logger.error({ err, doc: room.docName }, 'automatic version failed'),
    );
  };

  async exists(docName: string): Promise<boolean> {
    return this.options.store.exists(docName);
  }

  async state(docName: string): Promise<Uint8Array> {
    await this.requireExisting(docName);
    return this.options.registry.withRoom(docName, async (room) => {
      const state = Y.encodeStateAsUpdate(room.doc);
      await room.whenDurable();
      return state;
    });
  }

  async render(docName: string, format: RenderFormat | 'yjs'): Promise<Uint8Array | string | object> {
    const state = await this.state(docName);
    return renderState(state, format);
  }

  /** Applies a validated Yjs update; creates the document if it is new. */
  async applyUpdate(docName: string, update: Uint8Array): Promise<void> {
    await this.options.registry.withRoom(docName, (room) => room.applyServerUpdate(update, API_ORIGIN));
  }

  /** Makes the document hold exactly `blocks`, as one change; creates it if new. */
  async replaceContent(docName: string, blocks: Blocks): Promise<void> {
    await this.options.registry.withRoom(docName, async (room) => {
      const update = updateToBlocks(Y.encodeStateAsUpdate(room.doc), blocks);
      if (update) await room.applyServerUpdate(update, API_ORIGIN);
    });
  }

  async delete(docName: string): Promise<void> {
    await this.requireExisting(docName);
    await this.options.registry.evict(docName, CloseCode.DocumentDeleted, 'document deleted');
    await this.options.store.deleteDoc(docName);
    await this.options.fanout.publishDeleted(docName);
    this.lastVersionAt.delete(docName);
    this.options.logger.info({ doc: docName }, 'document deleted');
  }

  async createVersion(docName: string, label: string, user: TokenClaims | undefined): Promise<VersionInfo> {
    const state = await this.state(docName);
    return this.saveVersion(docName, state, label, user?.name ?? user?.sub ?? 'anonymous');
  }

  async listVersions(docName: string): Promise<VersionInfo[]> {
    await this.requireExisting(docName);
    return this.options.store.listVersions(docName);
  }

  async renderVersion(
    docName: string,
    versionId: string,
    format: RenderFormat | 'yjs',
  ): Promise<Uint8Array | string | object> {
    return renderState((await this.version(docName, versionId)).state, format);
  }

  /** Makes the live document equal to the version, as a new change (history is kept). */
  async restoreVersion(docName: string, versionId: string): Promise<void> {
    const { state } = await this.version(docName, versionId);
    await this.replaceContent(docName, renderEditorState(state).root.children);
  }

  private async version(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array }> {
    const found = await this.options.store.getVersion(docName, versionId);
    if (!found) throw new HttpError(404, 'no such version');
    return found;
  }

  private async saveVersion(docName: string, state: Uint8Array, label: string, author: string): Promise<VersionInfo> {
    const info: VersionInfo = {
      id: `${Date.now().toString(36).padStart(10, '0')}-${randomBytes(4).toString('hex')}`,
      label,
      author,
      createdAt: new Date().toISOString(),
      size: state.byteLength,
    };
    await this.options.store.putVersion(docName, info, state);
    this.lastVersionAt.set(docName, Date.now());
    return info;
  }

  private async requireExisting(docName: string): Promise<void> {
    if (!(await this.options.store.exists(docName))) throw new HttpError(404, 'no such document');
  }
}

function renderState(state: Uint8Array, format: RenderFormat | 'yjs'): Uint8Array | string | object {
  if (format === 'yjs') return state;
  if (format === 'json') return renderEditorState(state);
  return renderDocument(state, format);
}
