import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { HttpError } from '../errors.js';
import type { Blocks } from './change.js';
import type { RenderFormat } from './formats.js';
import type * as tasks from './content-worker.js';

/**
 * The thread is loaded from the build in both `src/` and `dist/` runs (tests run the
 * TypeScript sources, which a worker cannot load): `../../dist/content/` from either.
 */
const WORKER_FILE = new URL('../../dist/content/content-worker.js', import.meta.url).href;
/** Conversions waiting for a thread; beyond this, requests get 503 at once. */
const MAX_QUEUED = 64;
/**
 * Heap a conversion may use. Parsing HTML is hungry (happy-dom holds the whole DOM): a
 * 3.5 MB page of short paragraphs needs over 2 GB. A thread that runs out is stopped
 * and replaced; the request gets 413.
 */
const DEFAULT_MEMORY_MB = 1024;
/** An idle thread exits after this; the next conversion starts one again. */
const IDLE_MS = 60_000;

export interface ContentLimits {
  /** How long a conversion may wait and run; 0 = no limit. */
  timeoutMs: number;
  /** Heap a conversion's thread may use. */
  memoryMb?: number;
}

type Task<Name extends keyof typeof tasks> = {
  input: Parameters<(typeof tasks)[Name]>[0];
  output: ReturnType<(typeof tasks)[Name]>;
};

/**
 * Renders and parses documents on worker threads (SPEC: HTTP, `?format=` and PUT). Turning
 * a long document into HTML or Markdown through headless Lexical takes seconds; on the main
 * thread every live editor of every document would wait that long for the next keystroke.
 * A task that waits and runs past its time limit is given up, and its thread
 * stopped and replaced, as is one that runs out of memory. Refusals are HTTP errors: 413
 * for content that needs too much memory, 422 for content nested too deeply to convert,
 * 503 for a conversion over the time limit or too many waiting.
 */
export class ContentWorkers {
  /** The thread pool, made with the first conversion: an idle server never loads piscina. */
  private pool: Promise<Piscina> | undefined;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;

  constructor(limits: ContentLimits) {
    this.timeoutMs = limits.timeoutMs;
    this.memoryMb = limits.memoryMb ?? DEFAULT_MEMORY_MB;
  }

  /** A document's state in `format`. */
  render(state: Uint8Array, format: RenderFormat): Promise<string | object> {
    return this.run('render', { state, format });
  }

  /** Lexical blocks parsed from an HTML or Markdown text. */
  parse(body: string, type: 'html' | 'markdown'): Promise<Blocks> {
    return this.run('parse', { body, type });
  }

  /** The Yjs update that makes `state` hold exactly `blocks`, or null when it already does. */
  diff(state: Uint8Array, blocks: Blocks): Promise<Uint8Array | null> {
    return this.run('diff', { state, blocks });
  }

  /** The Lexical blocks a document's state holds. */
  blocksOf(state: Uint8Array): Promise<Blocks> {
    return this.run('blocksOf', { state });
  }

  async close(): Promise<void> {
    await (await this.pool)?.destroy();
  }

  private threads(): Promise<Piscina> {
    this.pool ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina({
          filename: WORKER_FILE,
          resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
          minThreads: 0,
          maxThreads: Math.max(1, availableParallelism() - 1),
          idleTimeout: IDLE_MS,
          maxQueue: MAX_QUEUED,
        }),
    );
    return this.pool;
  }

  private async run<Name extends keyof typeof tasks>(
    name: Name,
    input: Task<Name>['input'],
  ): Promise<Task<Name>['output']> {
    const signal = this.timeoutMs > 0 ? AbortSignal.timeout(this.timeoutMs) : undefined;
    try {
      const pool = await this.threads();
      return (await pool.run(input, { name, signal })) as Task<Name>['output'];
    } catch (err) {
      throw refusal(err, signal, this.timeoutMs, this.memoryMb) ?? err;
    }
  }
}

function refusal(
  err: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  memoryMb: number,
): HttpError | undefined {
  if (signal?.aborted) return new HttpError(503, `the conversion took longer than ${timeoutMs / 1000} s`);
  if (err instanceof Error && 'code' in err && err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new HttpError(413, `the content needs more than ${memoryMb} MiB of memory to convert`);
  }
  if (err instanceof RangeError && /call stack/.test(err.message)) {
    return new HttpError(422, 'the content is nested too deeply to convert');
  }
  if (err instanceof Error && /queue is at limit/i.test(err.message)) {
    return new HttpError(503, 'too many conversions waiting; try again shortly');
  }
  return undefined;
}
