/**
 * Who this page comments as (SPEC: Comments). With a token, the server holds comments to
 * its `sub` and name, so the page uses exactly those; on an open server, a random id kept
 * on this device with the name the person chose.
 */
import type { CommentAuthor } from '@quire/shared';
import type { TokenInfo } from './access-token.js';

const ID_KEY = 'quire:comment-author-id';

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function deviceId(storage: Storage | undefined): string {
  try {
    const stored = storage?.getItem(ID_KEY);
    if (stored) return stored;
    const id = randomId();
    storage?.setItem(ID_KEY, id);
    return id;
  } catch {
    return randomId();
  }
}

export function commentAuthorOf(
  tokenInfo: TokenInfo | null,
  userName: string,
  storage: Storage | undefined = globalThis.localStorage,
): CommentAuthor {
  if (tokenInfo?.sub !== undefined) return { sub: tokenInfo.sub, name: tokenInfo.name ?? tokenInfo.sub };
  return { sub: deviceId(storage), name: userName };
}

/** `read` tokens see comments and cannot write them; everyone else may comment. */
export function canComment(tokenInfo: TokenInfo | null): boolean {
  return tokenInfo?.access !== 'read';
}
