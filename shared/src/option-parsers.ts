import { LOG_LEVELS, type LogLevel } from './log-levels.js';

/**
 * Parsers for server option values (SPEC: Server). Each returns the parsed value or
 * throws an Error whose message says what was expected, so the CLI can list every
 * problem at once.
 */
export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new Error(`must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** Parses a byte size such as `65536`, `64KiB` or `16 MiB`. */
export function parseByteSize(raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(raw);
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) {
    throw new Error(`must be a size like 65536, 512KiB or 16MiB, got "${raw}"`);
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < 1024 || bytes > 1024 ** 3) {
    throw new Error(`must be between 1KiB and 1GiB, got "${raw}"`);
  }
  return bytes;
}

export function parseOriginList(raw: string): string[] {
  const origins = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`"${origin}" is not an origin like https://app.example.com`);
    }
    if (parsed.origin !== origin.replace(/\/$/, '')) {
      throw new Error(`"${origin}" is not an origin (scheme://host[:port], no path)`);
    }
  }
  return origins.map((origin) => origin.replace(/\/$/, ''));
}

/**
 * Parses a comma list of host names as a `Host` header names them, without a port:
 * `quire.example.com`, `127.0.0.1`, `[::1]` (or `::1`), or `*` for any host.
 */
export function parseHostList(raw: string): string[] {
  const hosts = raw
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.length > 0);
  if (hosts.length === 0) throw new Error('must name at least one host');
  return hosts.map((host) => {
    if (host === '*') return host;
    const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?\.?)$/.test(name)) {
      throw new Error(`"${host}" is not a host name like quire.example.com, 127.0.0.1 or [::1] (no port)`);
    }
    return name.replace(/\.$/, '');
  });
}

export function parseCount(raw: string): number {
  const count = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(count)) {
    throw new Error(`must be a whole number (0 = unlimited), got "${raw}"`);
  }
  return count;
}

export function parseRate(raw: string): number {
  if (raw.trim() === '0') return 0;
  return parseByteSize(raw);
}

export function parseSwitch(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new Error(`must be on or off, got "${raw}"`);
}

export function parseNonEmpty(raw: string): string {
  if (raw.trim().length === 0) throw new Error('must not be empty');
  return raw;
}

export function parseSecret(raw: string): string {
  if (raw.length < 16) throw new Error('must be at least 16 characters long');
  return raw;
}

export function parseRedisUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL like redis://localhost:6379`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`must start with redis:// or rediss://, got "${raw}"`);
  }
  return raw;
}

export function parsePostgresUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL like postgres://user:password@localhost:5432/quire`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`must start with postgres:// or postgresql://, got "${raw}"`);
  }
  return raw;
}

export function parseLogLevel(raw: string): LogLevel {
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (!level) throw new Error(`must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

/** Writes a byte count the way `parseByteSize` reads it back: `16MiB`, `512KiB`, `1000`. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
