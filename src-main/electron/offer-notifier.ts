/**
 * Native notification for a new offer while the agent window is not focused (respecting the
 * notifications setting). Clicking it brings the window back so the agent can accept.
 */
import { Notification } from 'electron';
import type { Offer } from '../../src-common/domain';
import type { Language } from '../../src-common/settings';
import { offersNotSeenBefore, shouldAlertForOffers } from './offer-alerts';
import { shellLabels } from './tray-status';

export class OfferNotifier {
  private known: readonly Offer[] = [];

  constructor(private readonly reveal: () => void) {}

  /** Call with every view; notifies once per offer id. */
  update(offers: readonly Offer[], input: { windowFocused: boolean; notificationsEnabled: boolean; language: Language }): void {
    const fresh = offersNotSeenBefore(this.known, offers);
    this.known = offers;
    if (!shouldAlertForOffers({ newOffers: fresh.length, ...input }) || !Notification.isSupported()) return;
    for (const offer of fresh) {
      // Subjects are untrusted customer text; native notifications render plain text only.
      const notification = new Notification({ title: shellLabels(input.language).newOffer, body: offer.item.subject, silent: false });
      notification.on('click', this.reveal);
      notification.show();
    }
  }
}
