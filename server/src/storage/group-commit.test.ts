import { describe, expect, it, vi } from 'vitest';
import { GroupCommitter, type BatchOp } from './group-commit.js';

describe('group commit (SPEC: Guarantees)', () => {
  it('writes arriving during a batch go out together in the next one, resolved in order', async () => {
    const batches: BatchOp[][] = [];
    let release: () => void = () => undefined;
    const committer = new GroupCommitter(async (ops) => {
      batches.push(ops);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const order: number[] = [];
    const put = (i: number): Promise<void> =>
      committer.write([{ type: 'put', key: `k${i}`, value: Uint8Array.of(i) }]).then(() => {
        order.push(i);
      });
    const first = put(0);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [1, 2, 3].map(put);
    release();
    await Promise.all([first, ...rest]);
    expect(batches.map((ops) => ops.map((op) => op.key))).toEqual([['k0'], ['k1', 'k2', 'k3']]);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('a failed batch rejects every write in it and later writes still go through', async () => {
    let shouldFail = true;
    const committer = new GroupCommitter(async () => {
      if (shouldFail) throw new Error('disk on fire');
    });
    const failed = [committer.write([{ type: 'del', key: 'a' }]), committer.write([{ type: 'del', key: 'b' }])];
    for (const write of failed) await expect(write).rejects.toThrow('disk on fire');
    shouldFail = false;
    await expect(committer.write([{ type: 'del', key: 'c' }])).resolves.toBeUndefined();
    await committer.drain();
  });

  it('an idle store writes at once; the next batch waits for the interval', async () => {
    // Fake timers and performance.now: the interval is a time the committer waits on purpose.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      const startedAt: number[] = [];
      const committer = new GroupCommitter(
        async () => {
          startedAt.push(performance.now());
        },
        undefined,
        1000,
      );
      const before = performance.now();
      const first = committer.write([{ type: 'del', key: 'first' }]);
      await vi.advanceTimersByTimeAsync(0);
      await first;
      expect(startedAt).toEqual([before]);
      const second = committer.write([{ type: 'del', key: 'second' }]);
      await vi.advanceTimersByTimeAsync(999);
      expect(startedAt).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await second;
      expect(startedAt).toEqual([before, before + 1000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('under a steady stream each batch carries everything that arrived in its interval', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      const batches: BatchOp[][] = [];
      const committer = new GroupCommitter(
        async (ops) => {
          batches.push(ops);
        },
        undefined,
        30,
      );
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 12; i++) {
        writes.push(committer.write([{ type: 'del', key: `k${i}` }]));
        await vi.advanceTimersByTimeAsync(5);
      }
      await vi.advanceTimersByTimeAsync(30);
      await Promise.all(writes);
      expect(batches.flat().map((op) => op.key)).toEqual(Array.from({ length: 12 }, (_, i) => `k${i}`));
      // Writes 5 ms apart: k0 goes at once, k1–k5 (5–25 ms) at 30 ms, k6–k11 (30–55 ms) at 60 ms.
      expect(batches.map((ops) => ops.length)).toEqual([1, 5, 6]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writeNow does not wait for the interval: the waiting batch goes out at once with it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      const batches: string[][] = [];
      const committer = new GroupCommitter(
        async (ops) => {
          batches.push(ops.map((op) => op.key));
        },
        undefined,
        1000,
      );
      const first = committer.write([{ type: 'del', key: 'first' }]);
      await vi.advanceTimersByTimeAsync(0);
      await first;
      const waiting = committer.write([{ type: 'del', key: 'waiting' }]);
      await vi.advanceTimersByTimeAsync(10);
      expect(batches).toEqual([['first']]);
      const urgent = committer.writeNow([]);
      await vi.advanceTimersByTimeAsync(0);
      await Promise.all([waiting, urgent]);
      expect(batches).toEqual([['first'], ['waiting']]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits queued before a batch starts share one promise and that batch; later ones wait for the next', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      let batches = 0;
      const committer = new GroupCommitter(
        async () => {
          batches++;
        },
        undefined,
        1000,
      );
      const first = committer.write([]);
      await vi.advanceTimersByTimeAsync(0);
      await first;
      const waits = [committer.write([]), committer.write([]), committer.write([])];
      expect(new Set(waits).size).toBe(1);
      await vi.advanceTimersByTimeAsync(1000);
      await Promise.all(waits);
      expect(batches).toBe(2);
      const next = committer.write([]);
      expect(next).not.toBe(waits[0]);
      // A reader that needs the store now does not wait out the interval behind a shared wait.
      const urgent = committer.writeNow([]);
      expect(urgent).toBe(next);
      await vi.advanceTimersByTimeAsync(0);
      await urgent;
      expect(batches).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
