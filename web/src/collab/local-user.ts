/**
 * The local user's display name and caret colour, remembered in localStorage so a
 * person keeps the same identity across documents and reloads (issue 3).
 */
export interface LocalUser {
  name: string;
  color: string;
}

const STORAGE_KEY = 'quire:user';
export const MAX_USER_NAME_LENGTH = 40;

/**
 * Distinct, readable on white, and dark enough for white text on avatars and caret name
 * flags: every one has a contrast of at least 4.5:1 against white (WCAG 1.4.3).
 */
export const USER_COLORS = [
  '#c2410c',
  '#2f7d3a',
  '#1971c2',
  '#9c36b5',
  '#c2255c',
  '#0b7285',
  '#5f3dc4',
  '#a61e4d',
  '#a85d00',
  '#364fc7',
] as const;

/** Colours of earlier versions too light for white text, and what replaces them. */
const RETIRED_COLORS: Readonly<Record<string, string>> = {
  '#d9480f': '#c2410c',
  '#2b8a3e': '#2f7d3a',
  '#e67700': '#a85d00',
};

const ANIMALS = ['Otter', 'Heron', 'Lynx', 'Badger', 'Falcon', 'Marten', 'Ibex', 'Puffin'];

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function normalizeUserName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, MAX_USER_NAME_LENGTH);
}

function isLocalUser(value: unknown): value is LocalUser {
  if (typeof value !== 'object' || value === null) return false;
  const { name, color } = value as Record<string, unknown>;
  return typeof name === 'string' && name.length > 0 && typeof color === 'string';
}

export function loadLocalUser(storage: Storage = window.localStorage): LocalUser {
  try {
    const stored: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    if (isLocalUser(stored)) {
      const color = RETIRED_COLORS[stored.color.toLowerCase()];
      if (color === undefined) return stored;
      const user = { ...stored, color };
      saveLocalUser(user, storage);
      return user;
    }
  } catch {
    // A corrupt entry is replaced by a fresh identity below.
  }
  const user = { name: `Anonymous ${pick(ANIMALS)}`, color: pick(USER_COLORS) };
  saveLocalUser(user, storage);
  return user;
}

export function saveLocalUser(user: LocalUser, storage: Storage = window.localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(user));
}
