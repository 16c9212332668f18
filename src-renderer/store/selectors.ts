/**
 * Reads shared by several components. They pick, they do not decide: which item is "focused"
 * is a display choice (the selected one, else the first assigned), not a routing rule.
 */
import type { ItemView, Offer } from '../../src-common/domain';
import type { AppState } from './app-state';
import { localizedLabel } from '../format/localized-label';

const NO_OFFERS: Offer[] = [];
const NO_ITEMS: ItemView[] = [];

export const selectOffers = (s: AppState): Offer[] => s.view?.offers ?? NO_OFFERS;
export const selectItems = (s: AppState): ItemView[] => s.view?.items ?? NO_ITEMS;

/** Offers oldest first: the one the shortcuts act on is at index 0. */
export function sortOffersOldestFirst(offers: readonly Offer[]): Offer[] {
  return [...offers].sort((a, b) => Date.parse(a.offeredAt) - Date.parse(b.offeredAt) || a.offerId.localeCompare(b.offerId));
}

export function selectOldestOffer(s: AppState): Offer | null {
  return sortOffersOldestFirst(selectOffers(s))[0] ?? null;
}

export function selectFocusedItem(s: AppState): ItemView | null {
  const items = selectItems(s);
  return items.find((i) => i.id === s.selectedItemId) ?? items[0] ?? null;
}

/**
 * The customer the context pane shows: one the agent looked up (until they pick an item or take
 * an offer), else focused work, else the oldest offer, else the last one shown.
 */
export function selectContextCustomerId(s: AppState): string | null {
  if (s.lookedUpCustomerId) return s.lookedUpCustomerId;
  const focused = selectFocusedItem(s);
  if (focused) return focused.customerId;
  const offer = selectOldestOffer(s);
  if (offer) return offer.item.customerId;
  return s.lastCustomerId;
}

/** A queue's name in the UI language (the centre's translation when it gave one). */
export function selectQueueName(s: AppState, queueId: string): string {
  const queue = s.view?.config?.queues.find((q) => q.id === queueId);
  return queue ? localizedLabel(queue.name, queue.names, s.settings?.values.language) : queueId;
}
