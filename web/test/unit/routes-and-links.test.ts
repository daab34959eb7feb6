/** Routing (SPEC: Web, `/` and `/d/<docName>`), link addresses and user names. */
import { describe, expect, it } from 'vitest';
import { normalizeUserName } from '../../src/collab/local-user.js';
import { encodeDocPath } from '../../src/collab/server-url.js';
import { isSafeLinkUrl, normalizeLinkUrl } from '../../src/editor/toolbar-actions.js';
import { docHref, parseRoute } from '../../src/ui/routes.js';

describe('routes', () => {
  it('maps / to the list and /d/<docName> to a document, names with slashes included', () => {
    expect(parseRoute('/')).toEqual({ kind: 'list' });
    expect(parseRoute('/d/team/notes')).toEqual({ kind: 'doc', docName: 'team/notes' });
    expect(parseRoute('/d/a%20b%3F')).toEqual({ kind: 'doc', docName: 'a b?' });
    expect(parseRoute('/d/').kind).toBe('invalid');
    expect(parseRoute('/elsewhere').kind).toBe('invalid');
  });

  it('builds links that route back to the same document name', () => {
    for (const name of ['team/notes', 'a b?#c', 'ümlaut/ß', '100%']) {
      expect(parseRoute(docHref(name))).toEqual({ kind: 'doc', docName: name });
      expect(decodeURIComponent(encodeDocPath(name))).toBe(name);
    }
  });
});

describe('link addresses', () => {
  it('adds https:// to bare domains and keeps safe schemes', () => {
    expect(normalizeLinkUrl('example.com/docs')).toBe('https://example.com/docs');
    expect(normalizeLinkUrl(' mailto:ada@example.com ')).toBe('mailto:ada@example.com');
    expect(normalizeLinkUrl('')).toBeNull();
  });

  it('refuses scripts and other dangerous schemes', () => {
    expect(normalizeLinkUrl('javascript:alert(1)')).toBeNull();
    expect(isSafeLinkUrl('data:text/html,hi')).toBe(false);
  });
});

describe('user names', () => {
  it('collapses whitespace and bounds the length', () => {
    expect(normalizeUserName('  Ada   Lovelace ')).toBe('Ada Lovelace');
    expect(normalizeUserName('x'.repeat(100))).toHaveLength(40);
  });
});
