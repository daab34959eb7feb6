/** Pure pieces behind issues 5–7: token reading, page tokens, close codes, URLs, file names, toolbar choice. */
import { CloseCode, NO_SUCH_DOCUMENT } from '@quire/shared';
import { describe, expect, it } from 'vitest';
import { isReadOnlyToken, readTokenInfo } from '../../src/collab/access-token.js';
import { problemOfClose } from '../../src/collab/access-watch.js';
import { toHttpUrl, toWebSocketUrl } from '../../src/collab/server-url.js';
import { ALL_TOOLBAR_BUTTONS, toolbarButtonsOf } from '../../src/editor/toolbar-buttons.js';
import { colorForName, defaultEmbedUser } from '../../src/embed/embed-user.js';
import { exportFileName, htmlDocument } from '../../src/ui/download.js';
import { takePageToken, tokenStorageKey } from '../../src/ui/page-token.js';
import { makeToken } from '@quire/server/test-kit';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

function fakeHistory(): History & { urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    state: null,
    replaceState: (_state: unknown, _title: string, url?: string | URL | null) => urls.push(String(url)),
  } as unknown as History & { urls: string[] };
}

describe('access tokens in the page (issue 5)', () => {
  it('reads access, name and expiry from a JWT payload, and nothing from garbage', async () => {
    const token = await makeToken({ docs: ['a'], access: 'read', name: 'Zoë Ünal', ttl: 60 });
    const info = readTokenInfo(token);
    expect(info?.access).toBe('read');
    expect(info?.name).toBe('Zoë Ünal');
    expect(info?.expiresAtMs).toBeGreaterThan(Date.now());
    expect(isReadOnlyToken(token)).toBe(true);
    expect(isReadOnlyToken(await makeToken({ docs: ['a'], access: 'write' }))).toBe(false);
    for (const bad of ['', 'abc', 'a.b.c', 'a.eyJhY2Nlc3MiOiJnb2QifQ.c']) expect(readTokenInfo(bad)).toBeNull();
  });

  it('takes ?token= into sessionStorage for that document and strips it from the address bar', () => {
    const storage = memoryStorage();
    const history = fakeHistory();
    const location = { href: 'http://q/d/team%2Fnotes?token=T1&x=1#h' } as Location;
    expect(takePageToken('team/notes', location, history, storage)).toBe('T1');
    expect(history.urls).toEqual(['/d/team%2Fnotes?x=1#h']);
    expect(storage.getItem(tokenStorageKey('team/notes'))).toBe('T1');
    const reloaded = { href: 'http://q/d/team%2Fnotes?x=1#h' } as Location;
    expect(takePageToken('team/notes', reloaded, history, storage)).toBe('T1');
    expect(takePageToken('other', reloaded, history, storage)).toBeUndefined();
  });

  it('maps the final close codes to what the page says', () => {
    expect(problemOfClose(CloseCode.TokenExpired)).toBe('expired');
    expect(problemOfClose(CloseCode.DocumentDeleted, 'document deleted')).toBe('deleted');
    expect(problemOfClose(CloseCode.DocumentDeleted, NO_SUCH_DOCUMENT)).toBe('missing');
    expect(problemOfClose(CloseCode.Shutdown)).toBeNull();
  });
});

describe('embedding helpers (issue 7)', () => {
  it('accepts the server address in either scheme', () => {
    expect(toWebSocketUrl('https://q.example.com/')).toBe('wss://q.example.com');
    expect(toWebSocketUrl('http://127.0.0.1:1234')).toBe('ws://127.0.0.1:1234');
    expect(toHttpUrl('wss://q.example.com/quire')).toBe('https://q.example.com/quire');
    expect(toHttpUrl('ws://localhost:1234')).toBe('http://localhost:1234');
  });

  it('chooses toolbar buttons: all, none, or a list in toolbar order without unknown names', () => {
    expect([...toolbarButtonsOf(undefined)]).toEqual(ALL_TOOLBAR_BUTTONS);
    expect(toolbarButtonsOf(false).size).toBe(0);
    expect([...toolbarButtonsOf(['bold', 'nope' as 'bold', 'undo'])]).toEqual(['bold', 'undo']);
    const blockTools = ['codeLanguage', 'rule', 'table', 'tableMenu', 'alignJustify'] as const;
    expect([...toolbarButtonsOf(blockTools)]).toEqual(blockTools);
  });

  it('gives an unnamed embedded user the token name or "Guest", with a stable colour', async () => {
    expect(defaultEmbedUser(undefined).name).toBe('Guest');
    expect(defaultEmbedUser(await makeToken({ docs: ['a'], access: 'write', name: 'Ada' })).name).toBe('Ada');
    expect(colorForName('Ada')).toBe(colorForName('Ada'));
  });
});

describe('export files (issue 6)', () => {
  it('names files after the document and wraps HTML into a page of its own', () => {
    expect(exportFileName('team/weekly notes', 'markdown')).toBe('team-weekly-notes.md');
    expect(exportFileName('///', 'html')).toBe('document.html');
    expect(htmlDocument('a <b>', '<p>x</p>')).toContain('<title>a &#60;b&#62;</title>');
  });
});
