import fc from 'fast-check';
import * as Y from 'yjs';
import { COMMENT_KEYS, COMMENTS_TYPE, THREAD_KEYS } from '@quire/shared';
import { TextIndex, newCommentId, rootOf } from '@quire/shared/comments';

/**
 * Structure-aware mutations of a document's comment threads (SPEC: Comments; the update
 * fuzz): each one a change made through Yjs' API to a copy of a real document, by someone
 * who may comment. Some are what the editor makes, most are not: other authors, forged
 * names, other people's comments changed or deleted, wrong value types, unknown fields,
 * nested types, threads and comments removed, anchors rewritten.
 */
export type CommentMutation = (doc: Y.Doc, actor: Actor) => void;
type Actor = { sub: string; name: string };

const AUTHORS = [
  { sub: 'owner', name: 'Owner' },
  { sub: 'mallory', name: 'Owner' },
  { sub: '', name: '' },
];
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant('x'.repeat(10_001)),
  // Yjs stores plain objects only; fast-check may build them without a prototype.
  fc
    .dictionary(fc.constantFrom('sub', 'name', '__proto__'), fc.constantFrom('owner', 'mallory', 'Owner'), {
      maxKeys: 2,
    })
    .map((value) => JSON.parse(JSON.stringify(value)) as unknown),
);
const keyArb = fc.oneof(fc.constantFrom(...THREAD_KEYS, ...COMMENT_KEYS, '__proto__'), fc.string({ maxLength: 6 }));
const typeArb = fc.constantFrom('Map', 'Array', 'Text', 'Binary');

function threadsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(COMMENTS_TYPE);
}

function pick<T>(items: T[], at: number): T | undefined {
  return items.length === 0 ? undefined : items[at % items.length];
}

const threadMaps = (doc: Y.Doc): Y.Map<unknown>[] =>
  [...threadsOf(doc).values()].filter((value): value is Y.Map<unknown> => value instanceof Y.Map);

function commentMaps(doc: Y.Doc): Y.Map<unknown>[] {
  return threadMaps(doc).flatMap((thread) => {
    const list = thread.get('comments');
    return list instanceof Y.Array
      ? (list.toArray() as unknown[]).filter((c): c is Y.Map<unknown> => c instanceof Y.Map)
      : [];
  });
}

function made(kind: string): unknown {
  if (kind === 'Map') return new Y.Map();
  if (kind === 'Array') return new Y.Array();
  if (kind === 'Text') return new Y.Text('t');
  return new Uint8Array([1, 2, 3]);
}

function comment(author: { sub: string; name: string }, body: string): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('id', newCommentId());
  map.set('author', author);
  map.set('body', body);
  map.set('createdAt', 1);
  return map;
}

function newThread(doc: Y.Doc, author: { sub: string; name: string }, extra?: [string, unknown]): void {
  const index = new TextIndex(rootOf(doc));
  const anchor = index.anchorOf(0, Math.min(3, index.text.length));
  const thread = new Y.Map<unknown>();
  if (anchor) {
    thread.set('start', Y.encodeRelativePosition(anchor.start));
    thread.set('end', Y.encodeRelativePosition(anchor.end));
  }
  thread.set('quote', 'abc');
  thread.set('createdAt', 1);
  thread.set('resolved', false);
  const list = new Y.Array<unknown>();
  list.push([comment(author, 'fuzz')]);
  thread.set('comments', list);
  if (extra) thread.set(extra[0], extra[1]);
  threadsOf(doc).set(newCommentId(), thread);
}

export const commentMutationArb: fc.Arbitrary<CommentMutation> = fc.oneof(
  fc.record({ who: fc.nat(), self: fc.boolean() }).map(({ who, self }) => (doc: Y.Doc, actor: Actor) => {
    newThread(doc, self ? actor : pick(AUTHORS, who)!);
  }),
  fc.record({ key: keyArb, value: valueArb }).map(
    ({ key, value }) =>
      (doc: Y.Doc, actor: Actor) =>
        newThread(doc, actor, [key, value]),
  ),
  fc
    .record({ at: fc.nat(), who: fc.nat(), self: fc.boolean() })
    .map(({ at, who, self }) => (doc: Y.Doc, actor: Actor) => {
      const list = pick(threadMaps(doc), at)?.get('comments');
      if (list instanceof Y.Array) list.push([comment(self ? actor : pick(AUTHORS, who)!, 'reply')]);
    }),
  fc.record({ at: fc.nat(), key: keyArb, value: valueArb }).map(({ at, key, value }) => (doc: Y.Doc) => {
    pick(threadMaps(doc), at)?.set(key, value);
  }),
  fc.record({ at: fc.nat(), key: keyArb, value: valueArb }).map(({ at, key, value }) => (doc: Y.Doc) => {
    pick(commentMaps(doc), at)?.set(key, value);
  }),
  fc.record({ at: fc.nat(), key: keyArb, kind: typeArb }).map(({ at, key, kind }) => (doc: Y.Doc) => {
    pick([...threadMaps(doc), ...commentMaps(doc)], at)?.set(key, made(kind));
  }),
  fc.record({ at: fc.nat(), key: keyArb }).map(({ at, key }) => (doc: Y.Doc) => {
    pick([...threadMaps(doc), ...commentMaps(doc)], at)?.delete(key);
  }),
  fc.nat().map((at) => (doc: Y.Doc) => {
    const key = pick([...threadsOf(doc).keys()], at);
    if (key !== undefined) threadsOf(doc).delete(key);
  }),
  fc.record({ at: fc.nat(), kind: typeArb, value: valueArb }).map(({ at, kind, value }) => (doc: Y.Doc) => {
    const list = pick(threadMaps(doc), at)?.get('comments');
    if (list instanceof Y.Array) list.insert(0, [at % 2 === 0 ? made(kind) : value]);
    else threadsOf(doc).set(newCommentId(), at % 2 === 0 ? made(kind) : value);
  }),
  fc.nat().map((at) => (doc: Y.Doc) => {
    const list = pick(threadMaps(doc), at)?.get('comments');
    if (list instanceof Y.Array && list.length > 0) list.delete(0, 1);
  }),
);
