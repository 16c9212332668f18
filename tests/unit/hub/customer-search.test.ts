/**
 * Customer search on the hub (real SQLite with the demo customers): by name without accents or
 * case, by phone in any format, by email in any case, bounded, and through the desktop op.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { runDesktopOp } from '../../../src-hub/server/desktop-ops';
import { closeCenterOnDisk, openCenterOnDisk, type CenterOnDisk } from './support/center-on-disk';

describe('customer search on the hub', () => {
  let hub: CenterOnDisk;
  beforeEach(() => {
    hub = openCenterOnDisk('centralita-search-', demoHubConfig());
  });
  afterEach(() => closeCenterOnDisk(hub));

  it('finds María by part of her name, typed without accents', () => {
    const found = hub.center.customers.search('maria garc', 10);
    expect(found.map((c) => c.name)).toContain('María García López');
    expect(found.every((c) => /mar[ií]a.*garc/i.test(c.name.normalize('NFD').replace(/\p{M}/gu, '')))).toBe(true);
  });

  it('finds by phone in any common format and by email in any case', () => {
    expect(hub.center.customers.search('600 10 02 00', 10).map((c) => c.id)).toEqual(['cust-maria']);
    expect(hub.center.customers.search('MARIA.GARCIA@example.es', 10).map((c) => c.id)).toEqual(['cust-maria']);
    expect(hub.center.customers.search('+34 699 999 999', 10)).toEqual([]);
  });

  it('is bounded by the limit the desktop asks for', () => {
    expect(hub.center.customers.search('ar', 5)).toHaveLength(5);
    expect(hub.center.customers.search('ar', 20).length).toBeGreaterThan(5);
  });

  it('answers the desktop op for any signed-in role, with a clear error for a too-short query', () => {
    const ctx = { center: hub.center, idempotency: hub.store.idempotency, clock: hub.clock };
    const answer = runDesktopOp(ctx, { userId: 'ana', role: 'agent' }, 'searchCustomers', { query: 'garcía' }, undefined);
    expect(answer.ok && (answer.value as { name: string }[]).some((c) => c.name === 'María García López')).toBe(true);
    expect(runDesktopOp(ctx, { userId: 'ana', role: 'agent' }, 'searchCustomers', { query: 'm' }, undefined)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
