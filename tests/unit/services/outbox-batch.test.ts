import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../src-main/services/cache/cache-methods';
import { orderKeyOf, pickBatch } from '../../../src-main/services/hub-session/outbox-entries';

let seq = 0;
function note(customerId: string, text: string, status: OutboxEntry['status'] = 'pending'): OutboxEntry {
  seq += 1;
  return {
    seq,
    key: `key-${seq}`,
    scope: 'hub|ana',
    op: 'addCustomerNote',
    params: { customerId, channel: 'voice', text },
    createdAt: '2026-01-01T10:00:00.000Z',
    attempts: 0,
    status,
    refusal: status === 'refused' ? { code: 'not-found', message: 'no', at: '2026-01-01T10:00:01.000Z' } : null,
  };
}
const limits = { maxEntries: 3, maxBytes: 100_000 };
const texts = (entries: OutboxEntry[]): string[] => entries.map((e) => (e.params as { text: string }).text);

describe('outbox batches keep order per customer and conversation', () => {
  it('takes the backlog in write order, up to the batch size', () => {
    const entries = [note('a', 'a1'), note('b', 'b1'), note('a', 'a2'), note('c', 'c1')];
    expect(texts(pickBatch(entries, new Set(), new Set(), limits))).toEqual(['a1', 'b1', 'a2']);
  });

  it('holds every later entry of a key behind a refused one, and lets other keys pass', () => {
    const entries = [note('a', 'a1', 'refused'), note('b', 'b1'), note('a', 'a2'), note('c', 'c1')];
    expect(texts(pickBatch(entries, new Set(), new Set(), limits))).toEqual(['b1', 'c1']);
  });

  it('holds a key that failed this round', () => {
    const entries = [note('a', 'a1'), note('b', 'b1'), note('a', 'a2')];
    expect(texts(pickBatch(entries, new Set(), new Set([orderKeyOf(entries[0]!)]), limits))).toEqual(['b1']);
  });

  it('puts a write the agent waits on ahead of unrelated backlog, never ahead of its own key', () => {
    const backlog = [note('a', 'a1'), note('b', 'b1'), note('c', 'c1'), note('d', 'd1')];
    const fresh = note('z', 'z1');
    const sameKey = note('a', 'a2');
    const entries = [...backlog, fresh, sameKey];
    expect(texts(pickBatch(entries, new Set([fresh.key, sameKey.key]), new Set(), limits))).toEqual(['z1', 'a1', 'b1']);
  });

  it('keeps a batch under its byte budget but always sends at least one entry', () => {
    const big = 'x'.repeat(5_000);
    const entries = [note('a', big), note('b', big), note('c', big)];
    expect(pickBatch(entries, new Set(), new Set(), { maxEntries: 10, maxBytes: 6_000 })).toHaveLength(1);
    expect(pickBatch(entries, new Set(), new Set(), { maxEntries: 10, maxBytes: 10 })).toHaveLength(1);
  });
});
