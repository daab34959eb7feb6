import { describe, expect, it } from 'vitest';
import { checkDocName, docNameFromPath } from './doc-name.js';

describe('document names (SPEC: WebSocket)', () => {
  it('accepts 1–512 characters without control characters, decoded from the path', () => {
    expect(docNameFromPath('/team%2Fnotes')).toEqual({ ok: true, docName: 'team/notes' });
    expect(docNameFromPath('/team/notes')).toEqual({ ok: true, docName: 'team/notes' });
    expect(docNameFromPath('/caf%C3%A9 menu')).toEqual({ ok: true, docName: 'café menu' });
    expect(checkDocName('x'.repeat(512)).ok).toBe(true);
  });

  it('refuses empty, too long, control characters and broken percent-encoding', () => {
    expect(docNameFromPath('/').ok).toBe(false);
    expect(checkDocName('x'.repeat(513)).ok).toBe(false);
    expect(docNameFromPath('/a%00b').ok).toBe(false);
    expect(checkDocName('line\nbreak').ok).toBe(false);
    expect(checkDocName('del\u007f').ok).toBe(false);
    expect(docNameFromPath('/%E0%A4%A').ok).toBe(false);
  });

  it('refuses invisible and direction-changing characters, so one name cannot pass for another (issue 18)', () => {
    for (const sneaky of ['\u202e', '\u200b', '\u200d', '\u2066', '\ufeff', '\u00ad', '\u2028', '\u3164', '\ud800']) {
      expect(checkDocName(`team/no${sneaky}tes`)).toEqual({
        ok: false,
        reason: 'document name contains control or invisible characters',
      });
    }
    expect(docNameFromPath('/report%E2%80%AEfdp.exe').ok).toBe(false);
    expect(checkDocName('日本語のメモ — draft ✓').ok).toBe(true);
  });
});
