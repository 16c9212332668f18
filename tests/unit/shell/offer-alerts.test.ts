import { describe, expect, it } from 'vitest';
import { offersNotSeenBefore, shouldAlertForOffers } from '../../../src-main/electron/offer-alerts';
import { offer } from './view-fixtures';

describe('offer notifications', () => {
  it('alerts only for offers that were not already shown', () => {
    const a = offer('a');
    const b = offer('b');
    expect(offersNotSeenBefore([], [a]).map((o) => o.offerId)).toEqual(['a']);
    expect(offersNotSeenBefore([a], [a, b]).map((o) => o.offerId)).toEqual(['b']);
    expect(offersNotSeenBefore([a, b], [b])).toEqual([]);
  });

  it('stays quiet while the agent looks at the window or has turned notifications off', () => {
    expect(shouldAlertForOffers({ newOffers: 1, windowFocused: false, notificationsEnabled: true })).toBe(true);
    expect(shouldAlertForOffers({ newOffers: 1, windowFocused: true, notificationsEnabled: true })).toBe(false);
    expect(shouldAlertForOffers({ newOffers: 1, windowFocused: false, notificationsEnabled: false })).toBe(false);
    expect(shouldAlertForOffers({ newOffers: 0, windowFocused: false, notificationsEnabled: true })).toBe(false);
  });
});
