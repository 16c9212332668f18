/**
 * The op table is the one place an op is described: its schemas, who may run it, and whether
 * the desktop keeps it until the hub answers. These are the rules an agent notices: an action
 * kept offline stays in order with the others of its chat or customer, a refused one shows the
 * agent's own words, and an administrator cannot act as an agent.
 */
import { describe, expect, it } from 'vitest';
import { HUB_OP_NAMES, HubOps, OUTBOX_OP_NAMES, isOutboxOpName, roleMayRun } from '../../../src-common/protocol';
import { orderKeyOf, refusedActionOf } from '../../../src-main/services/hub-session/outbox-entries';
import type { OutboxEntry } from '../../../src-main/services/cache/cache-methods';

function entry(key: string, op: string, params: unknown): OutboxEntry {
  return { key, op, params, status: 'refused', attempts: 1, createdAt: '2026-12-06T09:00:00.000Z', refusal: { code: 'forbidden', message: 'no', at: '2026-12-06T09:00:01.000Z' } } as OutboxEntry;
}

describe('the op table', () => {
  it('keeps exactly the actions an agent must not lose, and nothing that needs an answer at once', () => {
    expect([...OUTBOX_OP_NAMES].sort()).toEqual(['addCustomerNote', 'addFollowUp', 'completeFollowUp', 'reportCallQuality', 'sendChatMessage', 'sendEmailReply', 'transferWork', 'wrapUp']);
    expect(isOutboxOpName('acceptOffer')).toBe(false);
    expect(isOutboxOpName('toString')).toBe(false);
  });

  it('lets agents and supervisors work, and keeps administrators out of an agent’s work', () => {
    for (const name of HUB_OP_NAMES) expect(HubOps[name].roles.length, name).toBeGreaterThan(0);
    expect(roleMayRun('agent', 'acceptOffer')).toBe(true);
    expect(roleMayRun('supervisor', 'wrapUp')).toBe(true);
    expect(roleMayRun('admin', 'acceptOffer')).toBe(false);
    expect(roleMayRun('admin', 'searchCustomers')).toBe(true);
  });

  it('orders a chat’s messages, transfer and wrap-up together, and a customer’s notes and follow-ups together', () => {
    const keys = [
      orderKeyOf(entry('k1', 'sendChatMessage', { itemId: 'it-1', clientId: 'c-12345678', text: 'Hola' })),
      orderKeyOf(entry('k2', 'transferWork', { itemId: 'it-1', target: { kind: 'queue', queueId: 'soporte' }, note: '' })),
      orderKeyOf(entry('k3', 'wrapUp', { itemId: 'it-1', disposition: 'resolved', notes: '' })),
    ];
    expect(new Set(keys).size).toBe(1);
    const note = orderKeyOf(entry('k4', 'addCustomerNote', { customerId: 'cu-1', channel: 'chat', text: 'Prefiere tardes' }));
    const followUp = orderKeyOf(entry('k5', 'addFollowUp', { customerId: 'cu-1', text: 'Llamar el lunes', dueAt: null }));
    const otherCustomer = orderKeyOf(entry('k6', 'addCustomerNote', { customerId: 'cu-2', channel: 'chat', text: 'x' }));
    expect(note).toBe(followUp);
    expect(otherCustomer).not.toBe(note);
    // Unreadable entries (a newer version's op) never hold anyone else back.
    expect(orderKeyOf(entry('k7', 'someFutureOp', {}))).toBe('entry:k7');
  });

  it('shows the agent’s own words for a refused action, even one this version cannot read', () => {
    expect(refusedActionOf(entry('k1', 'wrapUp', { itemId: 'it-1', disposition: 'resolved', notes: 'Cliente satisfecha' }))).toMatchObject({
      op: 'wrapUp',
      text: 'Cliente satisfecha',
      detail: 'resolved',
    });
    expect(refusedActionOf(entry('k2', 'addFollowUp', { customerId: 'cu-1', text: 'Llamar', dueAt: null }))).toMatchObject({ text: 'Llamar', detail: null });
    expect(refusedActionOf(entry('k3', 'someFutureOp', { text: 'mis palabras' }))).toMatchObject({ op: 'unknown', text: 'mis palabras' });
  });
});
