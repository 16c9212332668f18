/**
 * The outbox batch: many entries a desktop kept while offline, run in one round trip and one
 * transaction. Each entry goes through the same path as a lone request (role, params,
 * idempotency by its own key), so a batch replayed after a lost answer acts once per entry.
 * Entries that share an order key (a customer, a conversation) keep their order: once one of
 * them does not succeed, the later ones of that key are not attempted and answer 'unavailable',
 * so the desktop holds them behind it.
 */
import type { HubOpParams } from '../../src-common/protocol';
import { err, ok, type Result } from '../../src-common/result';
import type { Caller, OpContext } from './desktop-ops';

type RunOne = (ctx: OpContext, caller: Caller, op: HubOpParams<'deliverOutbox'>['entries'][number]['op'], params: unknown, key: string) => Result<unknown>;

/**
 * Runs inside the caller's transaction (runDesktopOp wraps every op): an entry that throws rolls
 * the whole batch back and the desktop falls back to sending that round one entry at a time.
 */
export function runOutboxBatch(ctx: OpContext, caller: Caller, params: HubOpParams<'deliverOutbox'>, runOne: RunOne): Result<{ results: Result<unknown>[] }> {
  const stalled = new Set<string>();
  const results = params.entries.map((entry): Result<unknown> => {
    if (stalled.has(entry.orderKey)) return err('unavailable', 'Held behind an earlier action on the same customer or conversation.');
    const result = runOne(ctx, caller, entry.op, entry.params, entry.key);
    if (!result.ok) stalled.add(entry.orderKey);
    return result;
  });
  return ok({ results });
}
