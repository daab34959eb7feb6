/** Who the page comments as (SPEC: Comments, Access): the token's identity, or a device id on an open server. */
import { describe, expect, it } from 'vitest';
import { makeToken } from '@quire/server/test-kit';
import { isReadOnlyToken, readTokenInfo } from '../../src/collab/access-token.js';
import { canComment, commentAuthorOf } from '../../src/collab/comment-identity.js';

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

describe('comment identity in the page (SPEC: Comments)', () => {
  it('a comment token: read-only text, may comment, as the token sub and name', async () => {
    const info = readTokenInfo(await makeToken({ docs: ['a'], access: 'comment', sub: 'cara', name: 'Cara' }));
    expect(info).toMatchObject({ access: 'comment', sub: 'cara', name: 'Cara' });
    expect(isReadOnlyToken(await makeToken({ docs: ['a'], access: 'comment' }))).toBe(true);
    expect(canComment(info)).toBe(true);
    expect(commentAuthorOf(info, 'Local name', memoryStorage())).toEqual({ sub: 'cara', name: 'Cara' });
  });

  it('a token without a name shows its sub; a read token cannot comment', async () => {
    const unnamed = readTokenInfo(await makeToken({ docs: ['a'], access: 'write', sub: 'wes' }));
    expect(commentAuthorOf(unnamed, 'Local', memoryStorage())).toEqual({ sub: 'wes', name: 'wes' });
    expect(canComment(readTokenInfo(await makeToken({ docs: ['a'], access: 'read' })))).toBe(false);
  });

  it('on an open server: the chosen name, with an id kept on this device', () => {
    const storage = memoryStorage();
    const first = commentAuthorOf(null, 'Ada', storage);
    expect(first.name).toBe('Ada');
    expect(commentAuthorOf(null, 'Ada Lovelace', storage)).toEqual({ sub: first.sub, name: 'Ada Lovelace' });
    expect(commentAuthorOf(null, 'Ada', memoryStorage()).sub).not.toBe(first.sub);
    expect(canComment(null)).toBe(true);
  });
});
