import type { Clock, Timer } from '@quire/server';

interface Scheduled {
  at: number;
  run: () => void;
  /** Repeats every this many ms (an interval). */
  every: number | undefined;
}

/**
 * A clock that moves only when a test says so (`advance`), for the server's timers
 * (`startServer({ clock })`). Sockets and storage keep real time: only what the server
 * waits for on purpose (heartbeats, grace periods, expiry, rate limits) follows this clock.
 */
export class ManualClock implements Clock {
  private time: number;
  private readonly timers = new Map<Timer, Scheduled>();

  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): Timer {
    return this.add({ at: this.time + Math.max(0, ms), run, every: undefined });
  }

  setInterval(run: () => void, ms: number): Timer {
    return this.add({ at: this.time + Math.max(1, ms), run, every: Math.max(1, ms) });
  }

  clear(timer: Timer | undefined): void {
    if (timer !== undefined) this.timers.delete(timer);
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let next = this.nextDue(end); next !== undefined; next = this.nextDue(end)) {
      const [timer, scheduled] = next;
      this.time = scheduled.at;
      if (scheduled.every === undefined) this.timers.delete(timer);
      else scheduled.at += scheduled.every;
      scheduled.run();
    }
    this.time = end;
  }

  private add(scheduled: Scheduled): Timer {
    const timer = {};
    this.timers.set(timer, scheduled);
    return timer;
  }

  private nextDue(end: number): [Timer, Scheduled] | undefined {
    let due: [Timer, Scheduled] | undefined;
    for (const entry of this.timers) {
      if (entry[1].at <= end && (due === undefined || entry[1].at < due[1].at)) due = entry;
    }
    return due;
  }
}
