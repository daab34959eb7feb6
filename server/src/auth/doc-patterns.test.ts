import { describe, expect, it } from 'vitest';
import { docMatches } from './doc-patterns.js';

describe('document patterns (SPEC: Access)', () => {
  it.each([
    ['team/*', 'team/notes', true],
    ['team/*', 'team/a/b', true],
    ['team/*', 'team2/x', false],
    ['team/*', 'team', false],
    ['team/*', 'team/', false],
    ['team*', 'team2/x', false],
    ['team*', 'team*', true],
    ['*', 'anything/at/all', true],
    ['notes', 'notes', true],
    ['notes', 'notes2', false],
    ['a/*/b', 'a/x/b', false],
  ])('%s covers %s: %s', (pattern, docName, expected) => {
    expect(docMatches(pattern, docName)).toBe(expected);
  });
});
