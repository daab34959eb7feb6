import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { renderDocument } from '../src/content/render.js';
import { seedNewDocument } from '../src/content/seed.js';
import {
  ManualClock,
  closeCodesOf,
  docName,
  startTestServer,
  useClients,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';

/** SPEC: HTTP — documents read and changed by programs, versions, metrics, errors. */
const MARKDOWN = `# Release notes

Ship **bold** and *italic* and \`code\`, see [the site](https://example.com).

## Lists

- fruit
    - apple
    - pear
- vegetables

1. first
2. second

- [x] written
- [ ] reviewed

> quoted wisdom`;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ initialContent: seedNewDocument, maxMessageBytes: 64 * 1024 });
});
afterEach(async () => {
  await server.close();
});
const clients = useClients();

const api = (path: string, init?: RequestInit): Promise<Response> => fetch(`${server.url}/api${path}`, init);
const docPath = (name: string): string => `/docs/${encodeURIComponent(name)}`;
const put = (name: string, body: string, type = 'text/markdown'): Promise<Response> =>
  api(docPath(name), { method: 'PUT', headers: { 'Content-Type': type }, body });
const markdownOf = (client: TestClient): string => renderDocument(Y.encodeStateAsUpdate(client.doc), 'markdown');

/** `text` as Yjs writes a string: its UTF-8 length, then the bytes. */
function varString(text: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, text);
  return encoding.toUint8Array(encoder);
}

/** An update adding to the editor's tree a node with these attributes. */
function nodeUpdate(attributes: Record<string, string>): Uint8Array {
  const doc = new Y.Doc();
  const node = new Y.XmlText();
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  doc.get('root', Y.XmlText).insertEmbed(0, node);
  return Y.encodeStateAsUpdate(doc);
}

const client = (name: string): TestClient => clients.connect(server.wsUrl, name);

describe('reading and writing documents (SPEC: HTTP)', () => {
  it('Markdown PUT reads back as equal Markdown, and as HTML, text and Lexical JSON', async () => {
    const name = `team/${docName()}`;
    expect((await put(name, MARKDOWN)).status).toBe(201);
    expect(await (await api(`${docPath(name)}?format=markdown`)).text()).toBe(MARKDOWN);
    const htmlResponse = await api(`${docPath(name)}?format=html`);
    expect(htmlResponse.headers.get('content-security-policy')).toBe('sandbox');
    const html = await htmlResponse.text();
    for (const fragment of [
      '<h1',
      'Release notes',
      '<strong',
      '<em',
      '<code',
      'href="https://example.com"',
      '<ul',
      '<ol',
      'role="checkbox"',
      '<blockquote',
    ]) {
      expect(html).toContain(fragment);
    }
    const text = await (await api(`${docPath(name)}?format=text`)).text();
    expect(text).toContain('quoted wisdom');
    const json = (await (await api(docPath(name))).json()) as { root: { children: { type: string }[] } };
    expect(json.root.children.map((c) => c.type)).toEqual([
      'heading',
      'paragraph',
      'heading',
      'list',
      'list',
      'list',
      'quote',
    ]);
    const yjs = new Uint8Array(await (await api(`${docPath(name)}?format=yjs`)).arrayBuffer());
    expect(renderDocument(yjs, 'markdown')).toBe(MARKDOWN);
  });

  it('after a restart a stored document reads back the same, and a PUT still changes it', async () => {
    const name = docName();
    expect((await put(name, MARKDOWN)).status).toBe(201);
    server = await server.restart();
    expect(await (await api(`${docPath(name)}?format=markdown`)).text()).toBe(MARKDOWN);
    expect((await put(name, '# Only this\n')).status).toBe(200);
    const reader = client(name);
    await waitFor(() => markdownOf(reader) === '# Only this', { what: 'the PUT seen by a new client' });
  });

  it('HTML PUT means the same as the equivalent Markdown', async () => {
    const name = docName();
    expect(
      (
        await put(
          name,
          '<h1>Plan</h1><p>Do <b>it</b> <a href="https://x.example">now</a></p><ul><li>a</li></ul>',
          'text/html',
        )
      ).status,
    ).toBe(201);
    expect(await (await api(`${docPath(name)}?format=markdown`)).text()).toBe(
      '# Plan\n\nDo **it** [now](https://x.example)\n\n- a',
    );
  });

  it('a whole document POSTed as a Yjs update to a new name reads back exactly, without a seed paragraph', async () => {
    const source = docName();
    await put(source, MARKDOWN);
    const state = new Uint8Array(await (await api(`${docPath(source)}?format=yjs`)).arrayBuffer());
    const postUpdate = (name: string, update: Uint8Array): Promise<Response> =>
      api(`${docPath(name)}/updates`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: update,
      });
    const copy = docName();
    expect((await postUpdate(copy, state)).status).toBe(200);
    expect(await (await api(`${docPath(copy)}?format=markdown`)).text()).toBe(MARKDOWN);

    // An update that brings no content still leaves editors a first paragraph to type into.
    const meta = new Y.Doc();
    meta.getMap('meta').set('reviewed', true);
    const blank = docName();
    expect((await postUpdate(blank, Y.encodeStateAsUpdate(meta))).status).toBe(200);
    const live = client(blank);
    await live.synced;
    expect(live.doc.getMap('meta').get('reviewed')).toBe(true);
    expect(live.doc.get('root', Y.XmlText).length).toBe(1);
  });

  it('a live editor sees a PUT and a POSTed update at once', async () => {
    const name = docName();
    const live = client(name);
    await live.synced;
    await put(name, '# From a program');
    await waitFor(() => markdownOf(live) === '# From a program', { what: 'PUT reaches the editor' });
    const other = new Y.Doc();
    other.getMap('meta').set('reviewed', true);
    const res = await api(`${docPath(name)}/updates`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Y.encodeStateAsUpdate(other),
    });
    expect(res.status).toBe(200);
    await waitFor(() => live.doc.getMap('meta').get('reviewed') === true, { what: 'update reaches the editor' });
  });

  it("a live editor's concurrent edit survives a PUT that changes other paragraphs", async () => {
    const name = docName();
    await put(name, 'alpha\n\nbeta\n\ngamma');
    const live = client(name);
    await waitFor(() => markdownOf(live) === 'alpha\n\nbeta\n\ngamma');
    // The editor's edit and the PUT are made without knowing of each other.
    live.provider.disconnect();
    const first = (live.doc.get('root', Y.XmlText) as Y.XmlText).toDelta()[0].insert as Y.XmlText;
    first.insert(first.length, ' typed');
    await put(name, 'alpha\n\nBETA\n\ngamma');
    live.provider.connect();
    await waitFor(() => markdownOf(live) === 'alpha typed\n\nBETA\n\ngamma', {
      what: `both changes, have ${JSON.stringify(markdownOf(live))}`,
    });
    expect(await (await api(`${docPath(name)}?format=markdown`)).text()).toBe('alpha typed\n\nBETA\n\ngamma');
  });

  it('DELETE closes its clients and the document is gone, also after a restart', async () => {
    const name = docName();
    await put(name, 'to be deleted');
    const live = client(name);
    await live.synced;
    const codes = closeCodesOf(live);
    expect((await api(docPath(name), { method: 'DELETE' })).status).toBe(204);
    await waitFor(() => codes.includes(4404), { what: 'client closed' });
    expect((await api(docPath(name))).status).toBe(404);
    server = await server.restart();
    expect((await api(docPath(name))).status).toBe(404);
    const list = (await (await api('/docs')).json()) as { docs: { name: string }[] };
    expect(list.docs.map((d) => d.name)).not.toContain(name);
  });

  it('once a client is told the document was deleted, a read finds it gone, even before DELETE has answered', async () => {
    const name = docName();
    await put(name, 'to be deleted');
    const live = client(name);
    await live.synced;
    // A long log (one stored update per edit) makes the deletion take a while.
    const edits = live.doc.getMap('edits');
    for (let i = 0; i < 2000; i++) edits.set(String(i % 50), i);
    await waitFor(async () => (await api(`${docPath(name)}?format=json`)).ok, { what: 'stored' });
    const codes = closeCodesOf(live);
    const deleted = api(docPath(name), { method: 'DELETE' });
    await waitFor(() => codes.includes(4404), { what: 'client closed' });
    const statuses = await Promise.all([api(docPath(name)), api(`${docPath(name)}?format=markdown`)]);
    expect(statuses.map((res) => res.status)).toEqual([404, 404]);
    expect((await deleted).status).toBe(204);
  });

  it('a client away during DELETE cannot bring the text back, and the name is free for a new document', async () => {
    const name = docName();
    await put(name, 'secret plans');
    const away = client(name);
    await waitFor(() => markdownOf(away) === 'secret plans');
    away.provider.disconnect();
    expect((await api(docPath(name), { method: 'DELETE' })).status).toBe(204);
    expect((await put(name, 'a fresh start')).status).toBe(201);
    server = await server.restart();

    // The same copy comes back, to the restarted server.
    away.provider.destroy();
    const back = clients.connect(server.wsUrl, name, { doc: away.doc });
    const codes = closeCodesOf(back);
    await waitFor(() => codes.length > 0, { what: 'the copy of the deleted document to be refused' });
    expect(codes).toEqual([4404]);
    expect(await (await api(`${docPath(name)}?format=markdown`)).text()).toBe('a fresh start');

    // Clients of the new document edit it as usual.
    const writer = client(name);
    await writer.synced;
    writer.text.insert(0, 'new notes');
    const reader = client(name);
    await waitFor(() => reader.text.toString() === 'new notes', { what: 'the new edit relayed' });
    expect(await (await api(`${docPath(name)}?format=markdown`)).text()).toBe('a fresh start');
  });
});

describe('versions (SPEC: HTTP)', () => {
  it('create, list, render and restore, with a live editor following the restore', async () => {
    const name = docName();
    await put(name, '# Draft one');
    const created = await api(`${docPath(name)}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"label":"First draft"}',
    });
    expect(created.status).toBe(201);
    const version = (await created.json()) as { id: string; label: string; author: string; size: number };
    expect(version).toMatchObject({ label: 'First draft', author: 'anonymous' });
    expect(version.size).toBeGreaterThan(0);
    await put(name, '# Draft two\n\nmore text');
    const live = client(name);
    await waitFor(() => markdownOf(live) === '# Draft two\n\nmore text');
    const list = (await (await api(`${docPath(name)}/versions`)).json()) as { versions: { id: string }[] };
    expect(list.versions.map((v) => v.id)).toEqual([version.id]);
    expect(await (await api(`${docPath(name)}/versions/${version.id}?format=markdown`)).text()).toBe('# Draft one');
    expect((await api(`${docPath(name)}/versions/${version.id}/restore`, { method: 'POST' })).status).toBe(200);
    await waitFor(() => markdownOf(live) === '# Draft one', { what: 'editor follows the restore' });
    expect((await api(`${docPath(name)}/versions/nope`)).status).toBe(404);
  });

  it('automatic versions are saved while a document is being edited, and only then', async () => {
    const clock = new ManualClock();
    await server.close();
    server = await startTestServer({ initialContent: seedNewDocument, autoVersionMs: 60_000, clock }, server.dataDir);
    const name = docName();
    const versions = async (): Promise<{ label: string; author: string }[]> =>
      ((await (await api(`${docPath(name)}/versions`)).json()) as { versions: { label: string; author: string }[] })
        .versions;
    await put(name, 'first');
    const live = client(name);
    await live.synced;
    const storedTick = async (): Promise<unknown> => {
      const stored = new Y.Doc();
      Y.applyUpdate(stored, new Uint8Array(await (await api(`${docPath(name)}?format=yjs`)).arrayBuffer()));
      return stored.getMap('meta').get('tick');
    };
    // The yjs answer waits until the document is durable, so the server has seen the edit.
    const edit = async (tick: number): Promise<void> => {
      live.doc.getMap('meta').set('tick', tick);
      await waitFor(async () => (await storedTick()) === tick, { what: `edit ${tick} stored` });
    };
    await edit(1);
    clock.advance(30_000);
    await edit(2);
    expect(await versions()).toEqual([]);
    clock.advance(31_000);
    await edit(3);
    await waitFor(async () => (await versions()).length === 1, { what: 'an automatic version while editing' });
    expect((await versions())[0]).toMatchObject({ label: 'Automatic', author: 'server' });
    // Hours without an edit: no version, however much time passes.
    clock.advance(5 * 3_600_000);
    expect(await versions()).toHaveLength(1);
  });
});

describe('metrics (SPEC: HTTP, /metrics)', () => {
  it('exposes the named families and their values move when traffic flows', async () => {
    const read = async (): Promise<string> => (await fetch(`${server.url}/metrics`)).text();
    const value = (text: string, series: string): number => {
      const line = text.split('\n').find((l) => l.startsWith(series));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const before = await read();
    for (const family of [
      'quire_connections',
      'quire_documents_loaded',
      'quire_messages_in_total',
      'quire_bytes_out_total',
      'quire_persist_batch_seconds',
      'quire_persist_batch_operations',
      'quire_compactions_total',
      'quire_connection_closes_total',
      'quire_process_resident_memory_bytes',
    ]) {
      expect(before).toContain(`# TYPE ${family}`);
    }
    const name = docName();
    const a = client(name);
    const b = client(name);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'traffic');
    await waitFor(() => b.text.toString() === 'traffic');
    const after = await read();
    expect(value(after, 'quire_connections')).toBe(2);
    expect(value(after, 'quire_documents_loaded')).toBe(1);
    expect(value(after, 'quire_messages_in_total{type="update"}')).toBeGreaterThan(
      value(before, 'quire_messages_in_total{type="update"}'),
    );
    // LevelDB's batch follows the relay (the relay log holds the update first): wait for it.
    const batchesBefore = value(before, 'quire_persist_batch_seconds_count');
    await waitFor(async () => value(await read(), 'quire_persist_batch_seconds_count') > batchesBefore, {
      what: 'a persist batch counted',
    });
  });
});

describe('bad requests (SPEC: HTTP errors)', () => {
  it.each([
    ['unknown document', 'GET', '/docs/never-made', 404, undefined, undefined],
    ['bad name', 'GET', `/docs/${encodeURIComponent('a\u0001b')}`, 400, undefined, undefined],
    ['dot segment name', 'GET', `/docs/${encodeURIComponent('a/../b')}`, 400, undefined, undefined],
    ['unknown format', 'GET', '/docs/existing?format=pdf', 400, undefined, undefined],
    ['garbage update', 'POST', '/docs/existing/updates', 400, 'application/octet-stream', Uint8Array.of(1, 2, 3, 0xff)],
    ['empty update', 'POST', '/docs/existing/updates', 400, 'application/octet-stream', new Uint8Array(0)],
    // Both decode, but Yjs never writes them: a deleted range and an inserted string of length zero.
    [
      'zero-length deletion',
      'POST',
      '/docs/existing/updates',
      400,
      'application/octet-stream',
      Uint8Array.of(0, 1, 77, 1, 0, 0),
    ],
    [
      'zero-length insert',
      'POST',
      '/docs/existing/updates',
      400,
      'application/octet-stream',
      Uint8Array.of(1, 1, 77, 0, 4, 1, 1, 0x74, 0, 0),
    ],
    // Applies, but the document could never be encoded again (a value nested 20,000 deep).
    [
      'deeply nested embed',
      'POST',
      '/docs/existing/updates',
      400,
      'application/octet-stream',
      Uint8Array.of(1, 1, 77, 0, 5, 1, 1, 0x74, ...varString('['.repeat(20_000) + ']'.repeat(20_000)), 0),
    ],
    // Applies, but the editor would then show the document as empty.
    [
      'unknown node type',
      'POST',
      '/docs/existing/updates',
      400,
      'application/octet-stream',
      nodeUpdate({ __type: 'nonsense' }),
    ],
    // The editor would create a <script> element for this heading, in every page and export.
    [
      'heading tag that is not a heading',
      'POST',
      '/docs/existing/updates',
      400,
      'application/octet-stream',
      nodeUpdate({ __type: 'heading', __tag: 'script' }),
    ],
    ['update with wrong type', 'POST', '/docs/existing/updates', 415, 'text/plain', 'hello'],
    ['huge update', 'POST', '/docs/existing/updates', 413, 'application/octet-stream', new Uint8Array(200 * 1024)],
    ['PUT with wrong type', 'PUT', '/docs/existing', 415, 'application/json', '{}'],
    ['huge PUT', 'PUT', '/docs/existing', 413, 'text/markdown', 'x'.repeat(200 * 1024)],
    ['version without label', 'POST', '/docs/existing/versions', 400, 'application/json', '{}'],
    ['version with broken JSON', 'POST', '/docs/existing/versions', 400, 'application/json', '{"label":'],
    ['versions of unknown document', 'GET', '/docs/never-made/versions', 404, undefined, undefined],
    ['unknown route', 'GET', '/nothing-here', 404, undefined, undefined],
  ] as const)('%s: %s %s gives %i with a JSON error', async (_label, method, path, status, type, body) => {
    await put('existing', 'kept intact');
    const res = await api(path, {
      method,
      ...(type ? { headers: { 'Content-Type': type } } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error?: string }).error).toEqual(expect.any(String));
    expect(await (await api('/docs/existing?format=markdown')).text()).toBe('kept intact');
  });
});
