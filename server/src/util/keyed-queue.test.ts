import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue.js';

/** A promise the test settles by hand, to control when a task finishes. */
function gate(): { promise: Promise<void>; open(): void; fail(err: Error): void } {
  let open!: () => void;
  let fail!: (err: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('KeyedQueue', () => {
  it('runs the tasks of one key one after another, in the order they were queued', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const first = gate();
    const a = queue.run('doc', async () => {
      order.push('a starts');
      await first.promise;
      order.push('a ends');
    });
    const b = queue.run('doc', () => order.push('b runs'));
    await Promise.resolve();
    expect(order).toEqual(['a starts']);
    first.open();
    await Promise.all([a, b]);
    expect(order).toEqual(['a starts', 'a ends', 'b runs']);
  });

  it('runs tasks of different keys independently', async () => {
    const queue = new KeyedQueue();
    const blocked = gate();
    const slow = queue.run('one', () => blocked.promise);
    await expect(queue.run('two', () => 'done')).resolves.toBe('done');
    blocked.open();
    await slow;
  });

  it("hands each caller its own task's result or failure, and a failure does not stop the next task", async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('doc', () => Promise.reject(new Error('disk full')));
    const next = queue.run('doc', () => 42);
    await expect(failing).rejects.toThrow('disk full');
    await expect(next).resolves.toBe(42);
  });

  it('forgets a key once its last task has settled', async () => {
    const queue = new KeyedQueue();
    const blocked = gate();
    const task = queue.run('doc', () => blocked.promise);
    expect(queue.isBusy('doc')).toBe(true);
    blocked.fail(new Error('lost'));
    await expect(task).rejects.toThrow('lost');
    await queue.idle('doc');
    await Promise.resolve();
    expect(queue.isBusy('doc')).toBe(false);
    expect(queue.size).toBe(0);
  });

  it('idle and idleAll wait for queued tasks and never reject', async () => {
    const queue = new KeyedQueue();
    const blocked = gate();
    let isDone = false;
    void queue.run('a', () => blocked.promise).catch(() => undefined);
    void queue.run('b', () => {
      isDone = true;
    });
    const all = queue.idleAll();
    const one = queue.idle('a');
    blocked.fail(new Error('ignored here'));
    await expect(all).resolves.toBeUndefined();
    await expect(one).resolves.toBeUndefined();
    expect(isDone).toBe(true);
    await expect(queue.idle('never used')).resolves.toBeUndefined();
  });
});
