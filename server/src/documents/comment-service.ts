import {
  MAX_COMMENTS_PER_THREAD,
  MAX_THREADS_PER_DOC,
  displayNameOf,
  type CommentAuthor,
  type CommentView,
  type ThreadView,
  type TokenClaims,
} from '@quire/shared';
import {
  TextIndex,
  addReply,
  createThread,
  newCommentId,
  readThreads,
  rootOf,
  setResolved,
  threadsMapOf,
  toThreadView,
} from '@quire/shared/comments';
import type * as Y from 'yjs';
import type { RoomRegistry } from '../rooms/registry.js';
import type { DocStore } from '../storage/doc-store.js';
import { HttpError } from '../errors.js';
import type { Clock } from '../util/clock.js';

/**
 * Comments from programs (SPEC: Comments): list threads, start one on the first occurrence
 * of a quote, reply, resolve and reopen. Each change goes through the live room like an
 * editor's, so open editors show it at once, and resolves once it is on disk.
 */
export const COMMENTS_ORIGIN = 'api-comments';

/** Who a program's comment is by: the token's holder, or "API" on an open server. */
export function authorOf(user: TokenClaims | undefined): CommentAuthor {
  return user === undefined ? { sub: 'api', name: 'API' } : { sub: user.sub, name: displayNameOf(user) };
}

export class CommentService {
  constructor(private readonly options: { store: DocStore; registry: RoomRegistry; clock: Clock }) {}

  async list(docName: string): Promise<ThreadView[]> {
    return this.withDoc(docName, (doc) => readThreads(doc).map(toThreadView));
  }

  /** Starts a thread on the first occurrence of `quote`; 422 when the text has none. */
  async create(docName: string, quote: string, body: string, user: TokenClaims | undefined): Promise<ThreadView> {
    const id = newCommentId();
    await this.change(docName, (doc) => {
      const index = new TextIndex(rootOf(doc));
      const from = index.text.indexOf(quote);
      const anchor = from < 0 ? null : index.anchorOf(from, from + quote.length);
      if (anchor === null) throw new HttpError(422, 'the document has no such text');
      if (threadsMapOf(doc).size >= MAX_THREADS_PER_DOC) {
        throw new HttpError(422, `a document holds at most ${MAX_THREADS_PER_DOC} threads`);
      }
      const comment = { id: newCommentId(), author: authorOf(user), body, now: this.options.clock.now() };
      return (write) => createThread(write, { id, ...anchor, quote, comment }, COMMENTS_ORIGIN);
    });
    return this.thread(docName, id);
  }

  async reply(docName: string, threadId: string, body: string, user: TokenClaims | undefined): Promise<CommentView> {
    const id = newCommentId();
    await this.change(docName, (doc) => {
      const thread = readThreads(doc).find((candidate) => candidate.id === threadId);
      if (thread === undefined) throw new HttpError(404, 'no such thread');
      if (thread.comments.length >= MAX_COMMENTS_PER_THREAD) {
        throw new HttpError(422, `a thread holds at most ${MAX_COMMENTS_PER_THREAD} comments`);
      }
      const comment = { id, author: authorOf(user), body, now: this.options.clock.now() };
      return (write) => addReply(write, threadId, comment, COMMENTS_ORIGIN);
    });
    const thread = await this.thread(docName, threadId);
    const comment = thread.comments.find((candidate) => candidate.id === id);
    if (comment === undefined) throw new HttpError(404, 'no such thread');
    return comment;
  }

  async setResolved(docName: string, threadId: string, resolved: boolean): Promise<ThreadView> {
    await this.change(docName, (doc) => {
      if (!readThreads(doc).some((candidate) => candidate.id === threadId)) throw new HttpError(404, 'no such thread');
      return (write) => setResolved(write, threadId, resolved, COMMENTS_ORIGIN);
    });
    return this.thread(docName, threadId);
  }

  private async thread(docName: string, threadId: string): Promise<ThreadView> {
    const thread = (await this.list(docName)).find((candidate) => candidate.id === threadId);
    if (thread === undefined) throw new HttpError(404, 'no such thread');
    return thread;
  }

  /** `plan` reads the document and returns the change to make (or throws an HttpError). */
  private async change(docName: string, plan: (doc: Y.Doc) => (doc: Y.Doc) => void): Promise<void> {
    await this.requireExisting(docName);
    await this.options.registry.withRoom(docName, (room) => room.applyServerChange(plan(room.doc), COMMENTS_ORIGIN));
  }

  private async withDoc<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    await this.requireExisting(docName);
    return this.options.registry.withRoom(docName, (room) => read(room.doc));
  }

  private async requireExisting(docName: string): Promise<void> {
    if (!(await this.options.registry.exists(docName))) throw new HttpError(404, 'no such document');
  }
}
