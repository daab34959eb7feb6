import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../errors.js';
import { ContentWorkers } from './content-workers.js';

/** Real worker threads (from the build): a conversion that runs out of memory is refused, not fatal. */
let workers: ContentWorkers | undefined;
afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

describe('content worker limits', () => {
  it('a conversion that needs more memory than allowed gets 413, and the next one works', async () => {
    workers = new ContentWorkers({ timeoutMs: 0, memoryMb: 64 });
    const page = Array.from({ length: 30_000 }, (_, i) => `<p>paragraph ${i} <b>bold</b> <i>italic</i></p>`).join('');
    const refused = await workers.parse(page, 'html').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 413, message: 'the content needs more than 64 MiB of memory to convert' });
    const blocks = await workers.parse('still **fine**', 'markdown');
    const update = await workers.diff(new Uint8Array([0, 0]), blocks);
    expect(update).not.toBeNull();
    expect(await workers.render(update!, 'markdown')).toBe('still **fine**');
  });
});
