import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { displayNameOf, isAllowedImageSrc, type TokenClaims, type VersionInfo } from '@quire/shared';
import type { DocStore } from '../storage/doc-store.js';
import type { RoomRegistry } from '../rooms/registry.js';
import type { Room } from '../rooms/room.js';
import { HttpError, ProtocolError } from '../errors.js';
import { checkUpdateStructure } from '../protocol/update-structure.js';
import { CommentRefused, checkCommentRules } from '../protocol/comment-rules.js';
import { RELABEL_ORIGIN, relabelComments } from '../protocol/comment-relabel.js';
import type { RenderFormat } from '../content/formats.js';
import type { Blocks } from '../content/change.js';
import { imageSourcesOf } from '../content/images.js';
import type { ContentWorkers } from '../content/content-workers.js';
import { KeyedQueue } from '../util/keyed-queue.js';
import { CommentService } from './comment-service.js';
import { RESTORE_ANCHORS_ORIGIN, reanchorRestoredThreads } from './restore-anchors.js';
import type { Clock } from '../util/clock.js';
import type { DocEvents } from '../webhooks/events.js';

/**
 * What programs can do to documents over HTTP (SPEC: HTTP): read them in any format,
 * change them with Yjs updates or new content, delete them, and keep named versions.
 * Every change goes through the live room, so it is stored and relayed to editors
 * exactly like a collaborator's, and resolves only once it is on disk. Rendering and
 * parsing content runs on worker threads (`ContentWorkers`).
 */
export const API_ORIGIN = 'api';

/** The origin of a change made over the HTTP API by a known user (named in webhook events). */
export class ApiUserOrigin {
  constructor(readonly sub: string) {}
}

function apiOrigin(user: TokenClaims | undefined): string | ApiUserOrigin {
  return user === undefined ? API_ORIGIN : new ApiUserOrigin(user.sub);
}

export interface DocServiceOptions {
  store: DocStore;
  registry: RoomRegistry;
  content: ContentWorkers;
  logger: Logger;
  /** Save an automatic version after this much time with changes; 0 = never. */
  autoVersionMs: number;
  clock: Clock;
  /** Where deletions and new versions are reported (webhooks); the comments code too. */
  events?: DocEvents;
}

export class DocService {
  private readonly lastVersionAt = new Map<string, number>();
  /** Content replacements, one document's after another (see `replaceBlocks`). */
  private readonly replacements = new KeyedQueue<string>();
  /** Version writes, one document's after another; a deletion waits for them. */
  private readonly versionWrites = new KeyedQueue<string>();

  /** Comment threads from programs (SPEC: Comments). */
  readonly comments: CommentService;

  constructor(private readonly options: DocServiceOptions) {
    this.comments = new CommentService(options);
  }

  /** Hook for the registry: saves an automatic version when one is due. */
  readonly onDurableChange = (room: Room): void => {
    const { autoVersionMs } = this.options;
    if (autoVersionMs <= 0) return;
    const now = this.options.clock.now();
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

  async state(docName: string): Promise<Uint8Array> {
    await this.requireExisting(docName);
    return this.options.registry.withRoom(docName, async (room) => {
      const state = Y.encodeStateAsUpdate(room.doc);
      await room.whenDurable();
      return state;
    });
  }

  async render(docName: string, format: RenderFormat | 'yjs'): Promise<Uint8Array | string | object> {
    return this.renderState(await this.state(docName), format);
  }

  /**
   * Applies a decoded Yjs update from a client (400 if it would leave the editor's
   * document shape); creates the document if it is new, and then seeds it only if the
   * update left it without content.
   */
  async applyUpdate(docName: string, update: Uint8Array, user?: TokenClaims): Promise<void> {
    // A refused update must not create the document it names.
    if (!(await this.options.store.exists(docName))) checkClientUpdate(update, new Y.Doc(), docName, user);
    await this.options.registry.withRoom(
      docName,
      (room) => {
        const relabel = checkClientUpdate(update, room.doc, docName, user);
        const author = user === undefined ? undefined : { sub: user.sub, name: displayNameOf(user) };
        const origin = apiOrigin(user);
        // Relayed with only the deletions it lists, like a sync step 2 (issue #19).
        if (relabel.length === 0 || author === undefined) return room.applyServerUpdate(update, origin);
        // In one go, so nothing (webhooks included) sees the comments under another name.
        return room.applyServerChange((doc) => {
          Y.applyUpdate(doc, update, origin);
          relabelComments(doc, relabel, author, RELABEL_ORIGIN);
        }, origin);
      },
      { seedAfter: true },
    );
  }

  /**
   * Makes the document hold exactly what `body` (HTML or Markdown) says; creates it if new.
   * Resolves to whether this call created it.
   */
  async replaceContent(docName: string, body: string, type: 'html' | 'markdown', user?: TokenClaims): Promise<boolean> {
    const blocks = await this.options.content.parse(body, type);
    // Refused rather than dropped, like an update carrying it: a program learns at once.
    const refused = imageSourcesOf(blocks).find((src) => !isAllowedImageSrc(src, docName));
    if (refused !== undefined) throw new HttpError(400, `image source not allowed: ${refused.slice(0, 200)}`);
    return this.replaceBlocks(docName, blocks, user);
  }

  /**
   * Makes the document hold exactly `blocks`, as one change; resolves to whether the
   * document was new. The change is worked out against a snapshot while editors go on
   * typing, then merged like theirs; replacements of one document run one after another,
   * so two never work from the same snapshot.
   */
  private async replaceBlocks(docName: string, blocks: Blocks, user: TokenClaims | undefined): Promise<boolean> {
    return this.replacements.run(docName, async () => {
      const existed = await this.options.store.exists(docName);
      await this.options.registry.withRoom(docName, async (room) => {
        const update = await this.options.content.diff(Y.encodeStateAsUpdate(room.doc), blocks);
        if (update) await room.applyServerUpdate(update, apiOrigin(user));
      });
      return !existed;
    });
  }

  /** Deletes the document (`DocLifecycle.delete` has the sequence). */
  async delete(docName: string): Promise<void> {
    await this.requireExisting(docName);
    // A version saved meanwhile would outlive the document and show under a new one of its name.
    await this.options.registry.delete(docName, () => this.versionWrites.idle(docName));
    this.lastVersionAt.delete(docName);
    this.options.events?.deleted(docName);
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
    return this.renderState((await this.version(docName, versionId)).state, format);
  }

  /** Makes the live document equal to the version, as a new change (history is kept). */
  async restoreVersion(docName: string, versionId: string, user?: TokenClaims): Promise<void> {
    const { state } = await this.version(docName, versionId);
    await this.replaceBlocks(docName, await this.options.content.blocksOf(state), user);
    await this.options.registry.withRoom(docName, (room) =>
      room.applyServerChange((doc) => reanchorRestoredThreads(doc, state), RESTORE_ANCHORS_ORIGIN),
    );
  }

  private async renderState(state: Uint8Array, format: RenderFormat | 'yjs'): Promise<Uint8Array | string | object> {
    return format === 'yjs' ? state : this.options.content.render(state, format);
  }

  private async version(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array }> {
    const found = await this.options.store.getVersion(docName, versionId);
    if (!found) throw new HttpError(404, 'no such version');
    return found;
  }

  private async saveVersion(docName: string, state: Uint8Array, label: string, author: string): Promise<VersionInfo> {
    const now = this.options.clock.now();
    const info: VersionInfo = {
      id: `${now.toString(36).padStart(10, '0')}-${randomBytes(4).toString('hex')}`,
      label,
      author,
      createdAt: new Date(now).toISOString(),
      size: state.byteLength,
    };
    await this.versionWrites.run(docName, () => this.options.store.putVersion(docName, info, state));
    this.lastVersionAt.set(docName, this.options.clock.now());
    this.options.events?.versionCreated(docName, info);
    return info;
  }

  private async requireExisting(docName: string): Promise<void> {
    if (!(await this.options.registry.exists(docName))) throw new HttpError(404, 'no such document');
  }
}

/**
 * 400 for an update that would break the document's shape; 403 for someone else's comment
 * (SPEC: Comments). Returns the sender's comments to show under the token's name.
 */
function checkClientUpdate(update: Uint8Array, doc: Y.Doc, docName: string, user: TokenClaims | undefined): Y.ID[] {
  try {
    const verdict =
      user === undefined ? undefined : checkCommentRules(update, doc, { sub: user.sub, name: displayNameOf(user) });
    checkUpdateStructure(update, doc, docName);
    return verdict?.relabel ?? [];
  } catch (err) {
    if (err instanceof CommentRefused) throw new HttpError(err.kind === 'forbidden' ? 403 : 400, err.message);
    throw err instanceof ProtocolError ? new HttpError(400, err.message) : err;
  }
}
