/** User colours carry white text on avatars and caret name flags (issue 19, WCAG 1.4.3). */
import { describe, expect, it } from 'vitest';
import { loadLocalUser, USER_COLORS } from '../../src/collab/local-user.js';

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrastWithWhite = (hex: string): number => 1.05 / (luminance(hex) + 0.05);

function memoryStorage(entries: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(entries));
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

describe('user colours (issue 19)', () => {
  it.each(USER_COLORS)('%s has at least 4.5:1 contrast with white text', (color) => {
    expect(contrastWithWhite(color)).toBeGreaterThanOrEqual(4.5);
  });

  it('are all different', () => {
    expect(new Set(USER_COLORS).size).toBe(USER_COLORS.length);
  });

  it('a colour remembered from an earlier palette that is too light is replaced by a readable one, and kept', () => {
    const storage = memoryStorage({ 'quire:user': JSON.stringify({ name: 'Ada', color: '#E67700' }) });
    const user = loadLocalUser(storage);
    expect(user.name).toBe('Ada');
    expect(USER_COLORS).toContain(user.color);
    expect(contrastWithWhite(user.color)).toBeGreaterThanOrEqual(4.5);
    expect(JSON.parse(storage.getItem('quire:user') ?? '{}')).toEqual(user);
  });

  it('a remembered colour that is still in the palette stays as it is', () => {
    const storage = memoryStorage({ 'quire:user': JSON.stringify({ name: 'Ada', color: '#1971c2' }) });
    expect(loadLocalUser(storage)).toEqual({ name: 'Ada', color: '#1971c2' });
  });
});
