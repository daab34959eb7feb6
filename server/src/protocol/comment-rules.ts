import * as Y from 'yjs';
import {
  COMMENT_KEYS,
  EDITABLE_COMMENT_KEYS,
  MAX_COMMENT_BODY_LENGTH,
  MAX_COMMENT_ID_LENGTH,
  MAX_COMMENTS_PER_THREAD,
  MAX_QUOTE_LENGTH,
  MAX_THREADS_PER_DOC,
  THREAD_KEYS,
  COMMENTS_TYPE,
  type CommentAuthor,
} from '@quire/shared';
import { Locator } from './comment-locator.js';
import { currentValue, forEachStructIn } from './struct-lookup.js';
import { decodeWithPending } from './with-pending.js';
import type { DecodedUpdate } from './update-check.js';

/**
 * Who may change which comment (SPEC: Comments, Access). With tokens, a comment's author
 * is the connection's `sub` shown with the token's name: an update may post comments only
 * under its sender's `sub` (a different name is replaced by the token's, see
 * `CommentVerdict.relabel`) and change or delete only the sender's own comments; anyone
 * who may comment may resolve or reopen a thread; a thread's anchor and quote are written
 * once, with the thread. The layout is in `shared/src/comments.ts`. An update breaking a
 * rule is refused whole, before anything of it is applied, stored or relayed.
 *
 * Only the update's new items and the live items it deletes are looked at, each placed
 * through its neighbours (`Locator`): typing costs a few lookups, whatever the document
 * holds. The result also says whether the update touches anything besides comments, which
 * a `comment` connection may not do.
 */
export class CommentRefused extends Error {
  constructor(
    message: string,
    /** `forbidden`: someone else's comment or identity; `invalid`: not the shape comments have. */
    readonly kind: 'forbidden' | 'invalid',
  ) {
    super(message);
    this.name = 'CommentRefused';
  }
}

export interface CommentVerdict {
  /** The update touches more than the comments (a `comment` connection may not). */
  touchesText: boolean;
  /**
   * New comments of the sender's own `sub` under another name (written offline under the
   * token's earlier name): accepted, then shown under the token's name (`relabelComments`).
   * Refusing them would make the client resend them on every reconnect, for ever.
   */
  relabel: Y.ID[];
}

/**
 * Checks `update` against `doc` for `actor` (`decoded`: `update` already decoded, if it
 * was); throws `CommentRefused` when it breaks a rule.
 */
export function checkCommentRules(
  update: Uint8Array,
  doc: Y.Doc,
  actor: CommentAuthor,
  decoded?: DecodedUpdate,
): CommentVerdict {
  const check = new CommentCheck(decodeWithPending(update, doc, decoded), doc, actor);
  check.run();
  return { touchesText: check.touchesText, relabel: check.relabel };
}

class CommentCheck {
  touchesText = false;
  readonly relabel: Y.ID[] = [];
  private readonly locator: Locator;
  /** New comments, and whether the update gave each its author. */
  private readonly newComments = new Map<Y.Item, boolean>();
  private readonly addedPerParent = new Map<Y.Item | null, number>();

  constructor(
    private readonly decoded: DecodedUpdate,
    private readonly doc: Y.Doc,
    private readonly actor: CommentAuthor,
  ) {
    this.locator = new Locator(decoded.structs, doc);
  }

  run(): void {
    for (const struct of this.decoded.structs) {
      if (struct instanceof Y.Item && !this.locator.isKnown(struct)) this.checkItem(struct);
    }
    for (const [comment, hasAuthor] of this.newComments) {
      if (!hasAuthor && !(comment.content instanceof Y.ContentDeleted)) {
        throw new CommentRefused('comment without its author', 'invalid');
      }
    }
    this.checkLimits();
    this.checkDeletions();
  }

  private checkItem(item: Y.Item): void {
    const where = this.locator.locate(item);
    if (where === null) return;
    if (!where.isComments) {
      this.touchesText = true;
      return;
    }
    const parents = this.locator.parentsOf(item) ?? [];
    const [holder] = parents;
    if (parents.length === 0) this.checkThread(item, where.key);
    else if (parents.length === 1) this.checkThreadField(item, holder!, where.key);
    else if (parents.length === 2) this.checkNewComment(item, holder!, where.key);
    else if (parents.length === 3) this.checkCommentField(item, holder!, where.key);
    else throw new CommentRefused('comment threads hold nothing that deep', 'invalid');
  }

  private checkThread(item: Y.Item, key: string | null): void {
    if (key === null || key.length > MAX_COMMENT_ID_LENGTH) throw new CommentRefused('bad thread id', 'invalid');
    if (!isDeletedContent(item) && !isType(item, Y.Map)) throw new CommentRefused('a thread is a map', 'invalid');
    this.count(null);
  }

  private checkThreadField(item: Y.Item, thread: Y.Item, key: string | null): void {
    if (key === null || !(THREAD_KEYS as readonly string[]).includes(key)) {
      throw new CommentRefused(`threads have no field "${String(key)}"`, 'invalid');
    }
    if (key !== 'resolved' && this.locator.isKnown(thread)) {
      throw new CommentRefused(`a thread's ${key} is set only when it is started`, 'forbidden');
    }
    if (isDeletedContent(item)) return;
    const value = valueOf(item);
    const isValid =
      key === 'resolved'
        ? typeof value === 'boolean'
        : key === 'start' || key === 'end'
          ? item.content instanceof Y.ContentBinary
          : key === 'quote'
            ? typeof value === 'string' && value.length <= MAX_QUOTE_LENGTH
            : key === 'createdAt'
              ? typeof value === 'number'
              : isType(item, Y.Array);
    if (!isValid) throw new CommentRefused(`bad thread ${key}`, 'invalid');
  }

  private checkNewComment(item: Y.Item, list: Y.Item, key: string | null): void {
    if (key !== null || this.locator.locate(list)?.key !== 'comments') {
      throw new CommentRefused('comments go in their thread’s list', 'invalid');
    }
    if (!isDeletedContent(item) && !isType(item, Y.Map)) throw new CommentRefused('a comment is a map', 'invalid');
    this.newComments.set(item, false);
    this.count(list);
  }

  private checkCommentField(item: Y.Item, comment: Y.Item, key: string | null): void {
    if (key === null || !(COMMENT_KEYS as readonly string[]).includes(key)) {
      throw new CommentRefused(`comments have no field "${String(key)}"`, 'invalid');
    }
    if (this.newComments.has(comment) || !this.locator.isKnown(comment)) {
      if (key === 'author') this.checkAuthor(item, comment);
    } else {
      if (!(EDITABLE_COMMENT_KEYS as readonly string[]).includes(key)) {
        throw new CommentRefused(`a comment's ${key} is set only when it is posted`, 'forbidden');
      }
      this.requireOwn(comment);
    }
    if (!isDeletedContent(item) && !isValidCommentValue(key, valueOf(item))) {
      throw new CommentRefused(`bad comment ${key}`, 'invalid');
    }
  }

  private checkAuthor(item: Y.Item, comment: Y.Item): void {
    const author = valueOf(item) as Partial<CommentAuthor> | undefined;
    if (isDeletedContent(item)) return;
    if (typeof author !== 'object' || author === null || typeof author.name !== 'string') {
      throw new CommentRefused('bad comment author', 'invalid');
    }
    if (author.sub !== this.actor.sub) throw new CommentRefused('comment posted under another author', 'forbidden');
    if (author.name !== this.actor.name) this.relabel.push(comment.id);
    this.newComments.set(comment, true);
  }

  /** An existing comment may be changed by its author only. */
  private requireOwn(comment: Y.Item): void {
    const { type } = comment.content as Y.ContentType;
    const author = currentValue(type, 'author') as Partial<CommentAuthor> | undefined;
    if (author?.sub !== this.actor.sub) throw new CommentRefused("changes another author's comment", 'forbidden');
  }

  private count(parent: Y.Item | null): void {
    this.addedPerParent.set(parent, (this.addedPerParent.get(parent) ?? 0) + 1);
  }

  private checkLimits(): void {
    for (const [parent, added] of this.addedPerParent) {
      const type = parent === null ? this.doc.share.get(COMMENTS_TYPE) : (parent.content as Y.ContentType).type;
      const existing = type === undefined ? 0 : parent === null ? type._map.size : type._length;
      const limit = parent === null ? MAX_THREADS_PER_DOC : MAX_COMMENTS_PER_THREAD;
      if (existing + added > limit)
        throw new CommentRefused(`more than ${limit} ${parent ? 'comments' : 'threads'}`, 'invalid');
    }
  }

  /** Live items the update deletes: only an overwritten `resolved`, or the sender's own comment's fields. */
  private checkDeletions(): void {
    forEachStructIn(this.decoded.ds, this.doc, (struct) => {
      if (struct instanceof Y.Item && !struct.deleted) this.checkDeletion(struct);
    });
  }

  private checkDeletion(item: Y.Item): void {
    const where = this.locator.locate(item);
    if (where === null) return;
    if (!where.isComments) {
      this.touchesText = true;
      return;
    }
    const parents = this.locator.parentsOf(item) ?? [];
    if (parents.length === 1 && where.key === 'resolved') return;
    if (parents.length === 3 && (EDITABLE_COMMENT_KEYS as readonly (string | null)[]).includes(where.key)) {
      this.requireOwn(parents[0]!);
      return;
    }
    throw new CommentRefused('deletes part of a comment thread', 'forbidden');
  }
}

function isDeletedContent(item: Y.Item): boolean {
  return item.content instanceof Y.ContentDeleted;
}

function isType(item: Y.Item, kind: typeof Y.Map | typeof Y.Array): boolean {
  return item.content instanceof Y.ContentType && item.content.type instanceof kind;
}

function valueOf(item: Y.Item): unknown {
  return item.content instanceof Y.ContentAny && item.content.arr.length === 1 ? item.content.arr[0] : undefined;
}

function isValidCommentValue(key: string, value: unknown): boolean {
  switch (key) {
    case 'id':
      return typeof value === 'string' && value.length <= MAX_COMMENT_ID_LENGTH;
    case 'body':
      return typeof value === 'string' && value.length <= MAX_COMMENT_BODY_LENGTH;
    case 'deleted':
      return value === true;
    case 'author':
      return true;
    default:
      return typeof value === 'number' && Number.isFinite(value);
  }
}
