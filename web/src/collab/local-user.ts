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

/** Distinct, readable on white, and dark enough for white text on the name flag. */
export const USER_COLORS = [
  '#d9480f',
  '#2b8a3e',
  '#1971c2',
  '#9c36b5',
  '#c2255c',
  '#0b7285',
  '#5f3dc4',
  '#a61e4d',
  '#e67700',
  '#364fc7',
] as const;

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
    if (isLocalUser(stored)) return stored;
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
