/**
 * When to raise a native notification for an offer: only for offers that were not in the
 * previous view, only when the agent is looking elsewhere, and only if they asked for them.
 */
import type { Offer } from '../../src-common/domain';

export function offersNotSeenBefore(previous: readonly Offer[], next: readonly Offer[]): Offer[] {
  const known = new Set(previous.map((offer) => offer.offerId));
  return next.filter((offer) => !known.has(offer.offerId));
}

export function shouldAlertForOffers(input: { newOffers: number; windowFocused: boolean; notificationsEnabled: boolean }): boolean {
  return input.newOffers > 0 && !input.windowFocused && input.notificationsEnabled;
}
