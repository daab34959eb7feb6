import type { Redis } from 'ioredis';
import { StorageError } from '../errors.js';

/**
 * Redis replies turned into the storage contract's errors: every failed command or
 * transaction rejects with a StorageError saying what could not be done, never with an
 * empty value.
 */
export async function guarded<T>(pending: Promise<T>, what: string): Promise<T> {
  try {
    return await pending;
  } catch (err) {
    throw err instanceof StorageError ? err : new StorageError(what, { cause: err });
  }
}

/** Runs a MULTI transaction; its results, or a StorageError if it or any command in it failed. */
export async function execMulti(multi: ReturnType<Redis['multi']>, what: string): Promise<unknown[]> {
  const results = await guarded(multi.exec(), what);
  if (!results) throw new StorageError(`${what}: transaction aborted`);
  return results.map(([err, value]) => {
    if (err) throw new StorageError(what, { cause: err });
    return value;
  });
}
