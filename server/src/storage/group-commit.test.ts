import { describe, expect, it } from 'vitest';
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
    const startedAt: number[] = [];
    const committer = new GroupCommitter(
      async () => {
        startedAt.push(performance.now());
      },
      undefined,
      1000,
    );
    const before = performance.now();
    await committer.write([{ type: 'del', key: 'first' }]);
    expect(startedAt[0]! - before).toBeLessThan(500);
    await committer.write([{ type: 'del', key: 'second' }]);
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(990);
  });

  it('under a steady stream each batch carries everything that arrived in its interval', async () => {
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
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(writes);
    expect(batches.flat().map((op) => op.key)).toEqual(Array.from({ length: 12 }, (_, i) => `k${i}`));
    expect(batches.length).toBeLessThan(12);
  });
});
