/**
 * One queue of tasks per key: tasks of a key run one after another in the order they were
 * queued, tasks of different keys run independently. A task's failure is its caller's
 * alone; the next task of the key still runs. A key is forgotten once its last task has
 * settled, so a long-running server keeps no entry per document it ever touched.
 */
export class KeyedQueue<K = string> {
  private readonly tails = new Map<K, Promise<void>>();

  /** Runs `task` once every task queued earlier for `key` has settled; settles like it. */
  run<T>(key: K, task: () => T | Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued for `key` so far has settled (never rejects). */
  async idle(key: K): Promise<void> {
    await this.tails.get(key);
  }

  /** Resolves once every task queued so far, of any key, has settled (never rejects). */
  async idleAll(): Promise<void> {
    await Promise.all(this.tails.values());
  }

  /** Whether `key` has a task queued or running. */
  isBusy(key: K): boolean {
    return this.tails.has(key);
  }

  /** Keys with a task queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
