import * as Y from 'yjs';
import type { AccessLevel, ThreadListResponse, ThreadView } from '@quire/shared';
import { TextIndex, createThread, newCommentId, rootOf } from '@quire/shared/comments';
import { makeToken, type TestServer } from './helpers.js';

/** Shared steps of the comment suites (SPEC: Comments): tokens, REST calls, documents as a client holds them. */
export const tokenFor = (access: AccessLevel, sub: string = access, name?: string): Promise<string> =>
  makeToken({ docs: ['*'], access, sub, ...(name === undefined ? {} : { name }) });

export async function call(
  server: TestServer,
  path: string,
  { token, method = 'GET', body }: { token?: string; method?: string; body?: unknown } = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? (JSON.parse(text) as unknown) : text };
}

export const commentsPath = (name: string): string => `/docs/${encodeURIComponent(name)}/comments`;

/** Creates `name` holding `markdown` (one paragraph per blank-line-separated block). */
export async function createDoc(server: TestServer, name: string, markdown: string): Promise<void> {
  const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'text/markdown', Authorization: `Bearer ${await tokenFor('admin')}` },
    body: markdown,
  });
  if (res.status !== 201) throw new Error(`PUT answered ${res.status}`);
}

export async function threadsOf(server: TestServer, name: string): Promise<ThreadView[]> {
  const { status, json } = await call(server, commentsPath(name), { token: await tokenFor('read') });
  if (status !== 200) throw new Error(`GET comments answered ${status}`);
  return (json as ThreadListResponse).threads;
}

export async function textOf(server: TestServer, name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}?format=text`, {
    headers: { Authorization: `Bearer ${await tokenFor('read')}` },
  });
  return res.text();
}

/** The document as the server holds it now, in a Y.Doc of this test's own. */
export async function stateOf(server: TestServer, name: string): Promise<Y.Doc> {
  const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}?format=yjs`, {
    headers: { Authorization: `Bearer ${await tokenFor('read')}` },
  });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
  return doc;
}

/** The update `change` makes to `doc`. */
export function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array): void => void updates.push(update);
  doc.on('update', listen);
  change(doc);
  doc.off('update', listen);
  return Y.mergeUpdates(updates);
}

/** Starts a thread on the first `quote` in `doc` as `author`, the way the editor does. */
export function startThread(doc: Y.Doc, quote: string, author: { sub: string; name: string }, body = 'note'): string {
  const index = new TextIndex(rootOf(doc));
  const from = index.text.indexOf(quote);
  const anchor = index.anchorOf(from, from + quote.length);
  if (anchor === null) throw new Error(`no "${quote}" in the document`);
  const id = newCommentId();
  createThread(doc, { id, ...anchor, quote, comment: { id: newCommentId(), author, body, now: Date.now() } }, 'test');
  return id;
}
