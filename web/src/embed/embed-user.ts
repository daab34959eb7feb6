import { readTokenInfo } from '../collab/access-token.js';
import { USER_COLORS } from '../collab/local-user.js';
import type { EditorUser } from './types.js';

/** The same name always gets the same colour, so people stay recognisable across pages. */
export function colorForName(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length] ?? USER_COLORS[0];
}

/** Who an embedded editor shows when the host did not say: the token's name, or a guest. */
export function defaultEmbedUser(token: string | undefined): EditorUser {
  const name = (token === undefined ? undefined : readTokenInfo(token)?.name) ?? 'Guest';
  return { name, color: colorForName(name) };
}
