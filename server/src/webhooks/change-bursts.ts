import type { Clock, Timer } from '../util/clock.js';
import type { ChangedData } from './events.js';

/**
 * Debouncing `document.changed` (SPEC: Webhooks): a burst of changes to one document is
 * reported once, `debounceMs` after its last change, or `MAX_BURST_MS` after its first one
 * if changes keep coming. The event names everyone who changed the document in the burst.
 * Time is the server's `Clock`, so tests move it by hand.
 */
export const MAX_BURST_MS = 10_000;

interface Burst {
  firstAt: number;
  lastAt: number;
  users: Set<string>;
  sizeOf: () => number;
  timer: Timer;
}

export interface ChangeBurstsDeps {
  clock: Clock;
  debounceMs: number;
  report(docName: string, data: ChangedData): void;
}

export class ChangeBursts {
  private readonly bursts = new Map<string, Burst>();

  constructor(private readonly deps: ChangeBurstsDeps) {}

  /** A change of `docName` by `users` (possibly none known); `sizeOf` measures it later. */
  record(docName: string, users: Iterable<string>, sizeOf: () => number): void {
    const { clock, debounceMs } = this.deps;
    const now = clock.now();
    const existing = this.bursts.get(docName);
    clock.clear(existing?.timer);
    const firstAt = existing?.firstAt ?? now;
    const delay = Math.max(0, Math.min(now + debounceMs, firstAt + MAX_BURST_MS) - now);
    const burst: Burst = {
      firstAt,
      lastAt: now,
      users: existing?.users ?? new Set(),
      sizeOf,
      timer: clock.setTimeout(() => this.flush(docName), delay),
    };
    for (const user of users) burst.users.add(user);
    this.bursts.set(docName, burst);
  }

  /** Reports every pending burst now (on shutdown, so none is lost). */
  flushAll(): void {
    for (const docName of [...this.bursts.keys()]) this.flush(docName);
  }

  /** Drops a pending burst (the document was deleted: its `document.deleted` says it all). */
  forget(docName: string): void {
    this.deps.clock.clear(this.bursts.get(docName)?.timer);
    this.bursts.delete(docName);
  }

  private flush(docName: string): void {
    const burst = this.bursts.get(docName);
    if (!burst) return;
    this.deps.clock.clear(burst.timer);
    this.bursts.delete(docName);
    this.deps.report(docName, {
      size: burst.sizeOf(),
      updatedAt: new Date(burst.lastAt).toISOString(),
      users: [...burst.users].sort(),
    });
  }
}
