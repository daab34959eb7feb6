import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { META_DUE_SLACK_MS, META_WRITE_INTERVAL_MS, MetaRows } from './meta-rows.js';
import { metaKey } from './keys.js';

/** The documents whose rows `takeDue` hands out now. */
function dueDocs(rows: MetaRows): string[] {
  return rows.takeDue().map((op) => op.key);
}

describe('metadata rows of the LevelDB store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0, toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a new document’s row goes out with its first write', () => {
    const rows = new MetaRows();
    rows.markChanged('a', 10);
    expect(dueDocs(rows)).toEqual([metaKey('a')]);
    expect(dueDocs(rows)).toEqual([]);
  });

  it('a row is never rewritten sooner than the interval, and goes out within the slack after it', () => {
    const rows = new MetaRows();
    rows.markChanged('a', 10);
    expect(dueDocs(rows)).toEqual([metaKey('a')]);
    vi.setSystemTime(300);
    rows.markChanged('a', 20);
    vi.setSystemTime(META_WRITE_INTERVAL_MS - 1);
    expect(dueDocs(rows)).toEqual([]);
    vi.setSystemTime(META_WRITE_INTERVAL_MS + META_DUE_SLACK_MS);
    const [row] = rows.takeDue();
    expect(row?.key).toEqual(metaKey('a'));
    const written = row?.type === 'put' ? rows.listed('a', row.value) : undefined;
    expect(written).toEqual({ bytes: 20, updatedAt: new Date(300).toISOString() });
  });

  it('rows falling due close together go out in one batch: writes in between do not look at every document', () => {
    const rows = new MetaRows();
    rows.markChanged('a', 10);
    expect(dueDocs(rows)).toEqual([metaKey('a')]);
    vi.setSystemTime(50);
    rows.markChanged('b', 10);
    expect(dueDocs(rows)).toEqual([metaKey('b')]);
    vi.setSystemTime(500);
    rows.markChanged('a', 20);
    rows.markChanged('b', 20);
    // 'a' is due from 1000 and 'b' from 1050: turns written meanwhile take neither.
    for (const at of [1000, 1010, 1050, 1090]) {
      vi.setSystemTime(at);
      expect(dueDocs(rows)).toEqual([]);
    }
    vi.setSystemTime(META_WRITE_INTERVAL_MS + META_DUE_SLACK_MS);
    expect(dueDocs(rows)).toEqual([metaKey('a'), metaKey('b')]);
  });

  it('a document changed again after its row went out is not rewritten before the interval', () => {
    const rows = new MetaRows();
    rows.markChanged('a', 10);
    rows.markChanged('b', 10);
    expect(dueDocs(rows)).toEqual([metaKey('a'), metaKey('b')]);
    rows.markChanged('c', 10);
    expect(dueDocs(rows)).toEqual([metaKey('c')]);
    vi.setSystemTime(META_WRITE_INTERVAL_MS * 2);
    rows.markChanged('b', 30);
    expect(dueDocs(rows)).toEqual([metaKey('b')]);
    rows.markChanged('b', 40);
    expect(dueDocs(rows)).toEqual([]);
    expect(rows.takeStale('b')?.key).toEqual(metaKey('b'));
  });

  it('a row holds the JSON of the document’s size and change time', () => {
    vi.setSystemTime(1_733_460_000_042);
    const rows = new MetaRows();
    rows.markChanged('a', 1234);
    const [row] = rows.takeDue();
    const json = JSON.stringify({ bytes: 1234, updatedAt: new Date(1_733_460_000_042).toISOString() });
    expect(row?.type === 'put' ? new TextDecoder().decode(row.value) : undefined).toBe(json);
  });
});
