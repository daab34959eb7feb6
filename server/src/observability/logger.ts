import { pino, type Logger } from 'pino';
import type { LogLevel } from '@quire/shared';

/** The root logger: JSON lines on stdout (SPEC: Server, --log-level). */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'quire' } });
}

export type { Logger };
