/**
 * Worker-thread entry of the cache: all SQLite work of a desktop runs here, one message at a
 * time, so the main process never stalls on a query. Bundled to dist/node/cache-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure, err, ok } from '../../../src-common/result';
import type { CacheMethodName, CacheReadyMessage, CacheRequestMessage, CacheResponseMessage } from './cache-methods';
import { CacheStore } from './cache-store';
import { openCacheDatabase } from './open-cache-database';

const port = parentPort;
if (!port) throw new Error('cache-worker must run as a worker thread');
const { dbPath } = workerData as { dbPath: string };

function start(): CacheStore | null {
  try {
    const opened = openCacheDatabase(dbPath);
    const ready: CacheReadyMessage = { type: 'ready', movedAside: opened.movedAside, reason: opened.reason };
    port?.postMessage(ready);
    return new CacheStore(opened.db);
  } catch (cause) {
    const failed: CacheReadyMessage = { type: 'failed', error: { code: 'internal', message: `The local cache could not be opened: ${describe(cause)}` } };
    port?.postMessage(failed);
    return null;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

const store = start();

port.on('message', (message: CacheRequestMessage) => {
  let response: CacheResponseMessage;
  try {
    if (!store) throw new AppFailure('unavailable', 'The local cache is not available.');
    const method = store[message.method as CacheMethodName] as ((args: unknown) => unknown) | undefined;
    if (typeof method !== 'function') throw new AppFailure('bad-request', `Unknown cache method ${String(message.method)}`);
    response = { id: message.id, result: ok(method.call(store, message.args)) };
  } catch (cause) {
    response = {
      id: message.id,
      result: cause instanceof AppFailure ? { ok: false, error: cause.toAppError() } : err('internal', `Local cache error: ${describe(cause)}`),
    };
  }
  port.postMessage(response);
});
