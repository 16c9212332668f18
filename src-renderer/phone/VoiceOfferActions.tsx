import { useTranslation } from 'react-i18next';
import type { Offer } from '../../src-common/domain';
import { useAppStore } from '../store/app-store';
import { PHONE_KEYS, withShortcut } from '../keyboard/phone-shortcuts';
import { usePhone } from './phone-context';
import { phoneAvailability, ringingCallForItem } from './phone-state';
import { usePhoneStore } from './phone-store';

/** Answer / Decline on a voice offer card: they act on the SIP call ringing for this item. */
export function VoiceOfferActions({ offer, oldest }: { offer: Offer; oldest: boolean }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const shortcuts = useAppStore((s) => s.settings?.values.keyboardShortcuts ?? true) && oldest;
  const availability = usePhoneStore(phoneAvailability);
  const ringing = usePhoneStore((s) => ringingCallForItem(s, offer.item.id));
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
      <div className="card-actions">
        <button
          type="button"
          className="button-primary"
          data-action="answer"
          aria-keyshortcuts={shortcuts ? PHONE_KEYS.answer : undefined}
          title={withShortcut(t('phone.answer'), 'answer', shortcuts)}
          onClick={() => void phone.answerOffer(offer)}
        >
          {t('phone.answer')}
        </button>
        <button
          type="button"
          className="button-secondary"
          data-action="decline"
          aria-keyshortcuts={shortcuts ? PHONE_KEYS.decline : undefined}
          title={withShortcut(t('phone.decline'), 'decline', shortcuts)}
          onClick={() => void phone.declineOffer(offer)}
        >
          {t('phone.decline')}
        </button>
      </div>
    </>
  );
}
