/**
 * Which documents a token's `docs` claim covers (SPEC: Access). A pattern is an exact
 * name, `*` (every document), or a prefix ending in `/*` (`team/*`: every name that
 * starts with `team/`). A `*` anywhere else is a literal character, so `team*` can never
 * be read as a prefix that also covers `team2/…`. Document names have no `.`/`..`
 * segments (see doc-name.ts), so a prefix cannot be escaped.
 */
export function docMatches(pattern: string, docName: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('/*')) {
    const prefix = pattern.slice(0, -1);
    return docName.length > prefix.length && docName.startsWith(prefix);
  }
  return pattern === docName;
}

export function anyDocMatches(patterns: readonly string[], docName: string): boolean {
  return patterns.some((pattern) => docMatches(pattern, docName));
}
