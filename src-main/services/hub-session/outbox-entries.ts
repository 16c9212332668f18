/**
 * What the outbox needs to know about one entry, read from its op and params: the order key it
 * must keep its place in (one conversation, one customer), the agent's words it carries (shown
 * when the hub refuses it), and which entries one round trip may carry without any entry
 * overtaking an earlier one of its key.
 */
import { HubOps, isOutboxOpName, outboxPolicyOf, type OutboxOpName } from '../../../src-common/protocol';
import type { RefusedAction } from '../../../src-common/ipc';
import type { OutboxEntry } from '../cache/cache-methods';

export function outboxOpOf(op: string): OutboxOpName | null {
  return isOutboxOpName(op) ? op : null;
}

/** The entry's op with its params checked against the protocol, or null when this version cannot send it. */
export function readEntry(entry: Pick<OutboxEntry, 'op' | 'params'>): { op: OutboxOpName; params: unknown } | null {
  const op = outboxOpOf(entry.op);
  if (!op) return null;
  const parsed = HubOps[op].params.safeParse(entry.params);
  return parsed.success ? { op, params: parsed.data } : null;
}

/**
 * Entries with the same key reach the hub in the order they were written (the op table says
 * which key: a chat's messages, its transfer and its wrap-up; a customer's notes and follow-ups).
 * Unrelated entries may pass. An entry this version cannot read keeps a key of its own.
 */
export function orderKeyOf(entry: Pick<OutboxEntry, 'key' | 'op' | 'params'>): string {
  const read = readEntry(entry);
  if (!read) return `entry:${entry.key}`;
  return policyOf(read.op).orderKey(read.params);
}

/** A refused entry as the agent sees it: what it was, their words, and the hub's reason. */
export function refusedActionOf(entry: OutboxEntry): RefusedAction {
  const read = readEntry(entry);
  const { text, detail } = read ? policyOf(read.op).words(read.params) : unreadWords(entry.params);
  return {
    key: entry.key,
    op: outboxOpOf(entry.op) ?? 'unknown',
    text,
    detail: detail || null,
    reason: entry.refusal ? { code: entry.refusal.code, message: entry.refusal.message } : { code: 'internal', message: '' },
    createdAt: entry.createdAt,
    refusedAt: entry.refusal?.at ?? entry.createdAt,
  };
}

/** An entry this version cannot read still shows the agent's words, so they can copy them. */
function unreadWords(params: unknown): { text: string; detail: string | null } {
  const fields = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  const text = [fields.text, fields.notes, fields.note].find((value): value is string => typeof value === 'string');
  return { text: text ?? '', detail: null };
}

/** The policy with its params type widened: readEntry checked the params against this op's schema. */
function policyOf(op: OutboxOpName): { orderKey(params: unknown): string; words(params: unknown): { text: string; detail: string | null } } {
  return outboxPolicyOf(op) as { orderKey(params: unknown): string; words(params: unknown): { text: string; detail: string | null } };
}

export interface BatchLimits {
  maxEntries: number;
  /** Rough JSON size budget, under the hub's frame limit. */
  maxBytes: number;
}

/**
 * The entries the next round trip carries, in the order the hub must apply them.
 * `entries` is the whole outbox in write order (refused ones included: they hold their key).
 * First the `urgent` ones (written just now by an agent who waits for the answer) whose key has
 * nothing older still waiting, then the backlog in write order. An entry is left out when an
 * older entry of its key is refused, in `stalled` (failed this round), or itself left out.
 */
export function pickBatch(entries: readonly OutboxEntry[], urgent: ReadonlySet<string>, stalled: ReadonlySet<string>, limits: BatchLimits): OutboxEntry[] {
  const keyOf = new Map(entries.map((e) => [e.key, orderKeyOf(e)]));
  const picked: OutboxEntry[] = [];
  const taken = new Set<string>();
  let bytes = 0;
  const fits = (entry: OutboxEntry): boolean => {
    const size = JSON.stringify(entry.params).length + 200;
    if (picked.length >= limits.maxEntries || (picked.length > 0 && bytes + size > limits.maxBytes)) return false;
    bytes += size;
    return true;
  };
  const pass = (wanted: (entry: OutboxEntry) => boolean): void => {
    const held = new Set(stalled);
    for (const entry of entries) {
      const key = keyOf.get(entry.key) ?? entry.key;
      if (taken.has(entry.key)) continue;
      if (entry.status !== 'pending' || held.has(key) || !wanted(entry) || !fits(entry)) {
        held.add(key);
        continue;
      }
      picked.push(entry);
      taken.add(entry.key);
    }
  };
  if (urgent.size > 0) pass((entry) => urgent.has(entry.key));
  pass(() => true);
  return picked;
}
