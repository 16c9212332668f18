/**
 * One hub fetch per offer: the offer prefetches its customer and the screen pop asks a moment
 * later; the second ask is served without going to the hub again. An old copy is fetched anew.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CustomerContext } from '../../../src-common/domain';
import { ok } from '../../../src-common/result';
import { CustomerContextService } from '../../../src-main/services/customer-context';
import type { HubSession } from '../../../src-main/services/hub-session/hub-session';

const maria: CustomerContext = {
  customer: { id: 'cust-maria', name: 'María García López', company: null, tier: null, language: 'es', tags: [], identities: [], updatedAt: '2026-01-01T00:00:00.000Z' },
  timeline: [],
};

function countingHub() {
  const asked: string[] = [];
  // The hub session's request, recorded: what reaches the hub is what this test counts.
  const session = {
    isOnline: true,
    scope: 'hub|ana',
    request: async (op: string) => {
      asked.push(op);
      return ok(maria);
    },
  } as unknown as HubSession;
  return { session, asked };
}

describe('customer context fetches', () => {
  it('fetches once for an offer and the screen pop that follows it', async () => {
    const { session, asked } = countingHub();
    let now = 1_000_000;
    const published: string[] = [];
    const service = new CustomerContextService(null, session, pino({ level: 'silent' }), (c) => published.push(c.customer.id), () => now);
    await service.prefetch('cust-maria'); // the offer's prefetch
    await service.fromCache('cust-maria'); // the screen pop asks
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.filter((op) => op === 'getCustomer')).toHaveLength(1);
    expect(published).toEqual(['cust-maria']);

    // Any other ask fetches: the hub's copy may have changed since.
    await service.fromCache('cust-maria');
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.filter((op) => op === 'getCustomer')).toHaveLength(2);

    now += 11_000; // a prefetch too old to answer for the screen pop
    await service.prefetch('cust-maria');
    now += 11_000;
    await service.fromCache('cust-maria');
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.filter((op) => op === 'getCustomer')).toHaveLength(4);
  });

  it('shares one fetch when the screen pop asks while the prefetch is still running', async () => {
    const { session, asked } = countingHub();
    const service = new CustomerContextService(null, session, pino({ level: 'silent' }), () => undefined);
    const prefetch = service.prefetch('cust-maria');
    await service.fromCache('cust-maria');
    await prefetch;
    expect(asked.filter((op) => op === 'getCustomer')).toHaveLength(1);
  });
});

describe('the timeline order', () => {
  it('is set in one place on the desktop (orderTimeline, where the hub copy arrives)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : /\.tsx?$/.test(name) ? [full] : [];
      });
    const sorters = ['src-main', 'src-renderer', 'src-phone'].flatMap(walk).filter((file) => /timeline\]?\)?\.sort\(/.test(readFileSync(file, 'utf8')));
    expect(sorters).toEqual([path.join('src-main', 'services', 'cache', 'cache-methods.ts')]);
  });
});

describe('changes during a fetch', () => {
  it('fetches once more after a running fetch when the hub changed the customer meanwhile', async () => {
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((r) => (release = r));
    const session = {
      isOnline: true,
      scope: 'hub|jordi',
      request: async (op: string) => {
        asked.push(op);
        if (asked.length === 1) await first;
        return ok(maria);
      },
    } as unknown as HubSession;
    const service = new CustomerContextService(null, session, pino({ level: 'silent' }), () => undefined);
    const running = service.refresh('cust-maria');
    // Two changes announced while the first fetch is on its way: one more fetch covers both.
    void service.refresh('cust-maria');
    void service.refresh('cust-maria');
    release();
    await running;
    expect(asked.filter((op) => op === 'getCustomer')).toHaveLength(2);
  });
});
