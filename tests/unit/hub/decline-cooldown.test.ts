/**
 * A decline is "not me, not now": on a real SQLite file with the hub's own timers, the lone
 * agent who declines is not offered the same item again until the configured cooldown ends,
 * the item waits in the queue meanwhile, and a colleague can take it at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../../src-common/hub-config';
import type { WorkSubmission } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { closeCenterOnDisk, openCenterOnDisk, type CenterOnDisk } from './support/center-on-disk';

const callFromMaria: WorkSubmission = { channel: 'voice', queueId: 'soporte-voz', from: '+34600100200', subject: '+34600100200' };

function withCooldown(seconds: number): HubConfig {
  return { ...demoHubConfig(), declineCooldownSeconds: seconds };
}

describe('decline cooldown', () => {
  let hub: CenterOnDisk;
  afterEach(() => closeCenterOnDisk(hub));

  describe('with the default 30 s', () => {
    beforeEach(() => {
      hub = openCenterOnDisk('centralita-decline-', demoHubConfig());
    });

    it('keeps a declined call away from the lone agent for 30 s, then offers it again', () => {
      const { center, clock } = hub;
      center.setState('jordi', 'ready', null);
      const item = center.submitWork(callFromMaria);
      if (!item.ok) throw new Error(item.error.message);
      const offer = center.snapshot('jordi')?.offers[0];
      expect(offer?.item.id).toBe(item.value.id);

      expect(center.declineOffer('jordi', offer?.offerId ?? '')).toEqual({ ok: true, value: null });
      clock.advance(150);
      expect(center.snapshot('jordi')?.offers).toEqual([]);
      expect(center.waitingCount()).toBe(1);
      clock.advance(29_000);
      expect(center.snapshot('jordi')?.offers).toEqual([]);

      clock.advance(1_000);
      const again = center.snapshot('jordi')?.offers ?? [];
      expect(again.map((o) => o.item.id)).toEqual([item.value.id]);
      expect(again[0]?.offerId).not.toBe(offer?.offerId);
    });

    it('hands a declined call to a colleague at once', () => {
      const { center, clock } = hub;
      center.setState('jordi', 'ready', null);
      const item = center.submitWork(callFromMaria);
      if (!item.ok) throw new Error(item.error.message);
      const offer = center.snapshot('jordi')?.offers[0];
      center.declineOffer('jordi', offer?.offerId ?? '');
      clock.advance(10);
      center.setState('ana', 'ready', null);
      expect(center.snapshot('ana')?.offers.map((o) => o.item.id)).toEqual([item.value.id]);
      expect(center.snapshot('jordi')?.offers).toEqual([]);
    });
  });

  it('is configurable: 5 s brings it back after 5 s', () => {
    hub = openCenterOnDisk('centralita-decline-', withCooldown(5));
    const { center, clock } = hub;
    center.setState('jordi', 'ready', null);
    const item = center.submitWork(callFromMaria);
    if (!item.ok) throw new Error(item.error.message);
    center.declineOffer('jordi', center.snapshot('jordi')?.offers[0]?.offerId ?? '');
    clock.advance(4_999);
    expect(center.snapshot('jordi')?.offers).toEqual([]);
    clock.advance(1);
    expect(center.snapshot('jordi')?.offers.map((o) => o.item.id)).toEqual([item.value.id]);
  });
});
