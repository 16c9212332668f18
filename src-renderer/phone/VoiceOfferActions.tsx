import { useTranslation } from 'react-i18next';
import type { Offer } from '../../src-common/domain';
import { useAppStore } from '../store/app-store';
import { PHONE_KEYS, withShortcut } from '../keyboard/phone-shortcuts';
import { usePhone } from './phone-context';
import { phoneAvailability, ringingCallForItem } from './phone-state';

const OFFER_BUTTONS = [
  { action: 'answer', className: 'button-primary', run: 'answerOffer' },
  { action: 'decline', className: 'button-secondary', run: 'declineOffer' },
] as const;

/** Answer / Decline on a voice offer card: they act on the SIP call ringing for this item. */
export function VoiceOfferActions({ offer, oldest }: { offer: Offer; oldest: boolean }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const shortcuts = useAppStore((s) => s.settings?.values.keyboardShortcuts ?? true) && oldest;
  const availability = useAppStore((s) => phoneAvailability(s.phone));
  const ringing = useAppStore((s) => ringingCallForItem(s.phone, offer.item.id));
  const answering = useAppStore((s) => s.answeringOfferIds.includes(offer.offerId));
  return (
    <>
      {availability !== 'ready' && (
        <p className="phone-warning" role="note">
          {t(`phone.status.${availability}`)}. {t('phone.notRegistered')}
        </p>
      )}
      {ringing && (
        <p className="phone-ringing" role="status">
          {ringing.autoAnswer ? t('phone.autoAnswer') : t('phone.ringing')}
        </p>
      )}
      {answering && !ringing && (
        <p className="phone-ringing" role="status">
          {t('phone.waitingForRing')}
        </p>
      )}
      <div className="card-actions">
        {OFFER_BUTTONS.map(({ action, className, run }) => (
          <button
            key={action}
            type="button"
            className={className}
            data-action={action}
            aria-busy={action === 'answer' && answering ? true : undefined}
            aria-keyshortcuts={shortcuts ? PHONE_KEYS[action] : undefined}
            title={withShortcut(t(`phone.${action}`), action, shortcuts)}
            onClick={() => void phone[run](offer)}
          >
            {t(`phone.${action}`)}
          </button>
        ))}
      </div>
    </>
  );
}
