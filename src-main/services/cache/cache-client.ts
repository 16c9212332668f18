/**
 * Main-thread handle on the cache worker: typed calls by method name, Result values back.
 * If the worker dies, calls answer 'unavailable' instead of hanging: the desktop keeps
 * working from the hub alone.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { err, type Result } from '../../../src-common/result';
import type {
  CacheArgs,
  CacheMethodName,
  CacheReadyMessage,
  CacheRequestMessage,
  CacheResponseMessage,
  CacheReturn,
} from './cache-methods';

export const CACHE_WORKER_FILE = 'cache-worker.mjs';

/**
 * Finds the bundled worker next to the bundle that is running: dist/node/start.mjs (web
 * mode), dist/main/electron-main.cjs (Electron: ../node), dist/bench/*.mjs (../node), or the
 * source tree's dist/node when run from TypeScript in the repository (tests, tools).
 * No import.meta here: the Electron main is a CommonJS bundle.
 */
export function findCacheWorker(): string | null {
  const bundleDirs = [typeof __dirname === 'string' ? __dirname : null, process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : null];
  const candidates = bundleDirs
    .filter((dir): dir is string => dir !== null)
    .flatMap((dir) => [path.join(dir, CACHE_WORKER_FILE), path.resolve(dir, '../node', CACHE_WORKER_FILE)]);
  candidates.push(path.resolve(process.cwd(), 'dist/node', CACHE_WORKER_FILE));
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

export class CacheClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private dead: string | null = null;

  private constructor(private readonly worker: Worker, private readonly log: Logger) {
    worker.on('message', (message: CacheResponseMessage | CacheReadyMessage) => {
      if ('id' in message) {
        const settle = this.pending.get(message.id);
        this.pending.delete(message.id);
        settle?.(message.result);
      }
    });
    worker.on('error', (error) => {
      this.log.error({ err: error }, 'cache worker crashed');
      this.fail('The local cache stopped working.');
    });
    worker.on('exit', (code) => this.fail(code === 0 ? 'The local cache is closed.' : `The local cache stopped (exit ${code}).`));
  }

  /** Starts the worker and waits until the database is open (moved aside and recreated if unusable). */
  static async start(dbPath: string, workerPath: string, log: Logger): Promise<Result<CacheClient>> {
    const worker = new Worker(workerPath, { workerData: { dbPath } });
    const ready = await new Promise<CacheReadyMessage>((resolve) => {
      worker.once('message', (message: CacheReadyMessage) => resolve(message));
      worker.once('error', (error) => resolve({ type: 'failed', error: { code: 'internal', message: `The local cache could not start: ${error.message}` } }));
    });
    if (ready.type === 'failed') {
      log.error({ dbPath, error: ready.error }, 'cache unavailable');
      await worker.terminate();
      return { ok: false, error: ready.error };
    }
    if (ready.movedAside) {
      log.warn({ dbPath, movedAside: ready.movedAside, reason: ready.reason }, 'unusable cache file moved aside; started a fresh cache');
    }
    return { ok: true, value: new CacheClient(worker, log) };
  }

  call<K extends CacheMethodName>(method: K, args: CacheArgs<K>): Promise<Result<CacheReturn<K>>> {
    if (this.dead) return Promise.resolve(err('unavailable', this.dead));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (result: Result<unknown>) => void);
      const message: CacheRequestMessage = { id, method, args };
      this.worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    if (this.dead) return;
    await this.call('close', {});
    this.fail('The local cache is closed.');
    await this.worker.terminate();
  }

  private fail(reason: string): void {
    this.dead ??= reason;
    for (const settle of this.pending.values()) settle(err('unavailable', reason));
    this.pending.clear();
  }
}
