import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { usePhone } from './phone-context';
import { phoneAvailability } from './phone-state';

/** Click-to-dial beside a customer's phone number; the call becomes a work item of that customer. */
/** `label`: what the button says (default "Llamar"); its accessible name always names the number. */
export function CallNumberButton({ number, customerId, label }: { number: string; customerId: string | null; label?: string }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const ready = useAppStore((s) => phoneAvailability(s.phone) === 'ready');
  if (!ready) return null;
  return (
    <button type="button" className="button-quiet call-number" aria-label={t('phone.callNumber', { number })} onClick={() => void phone.dial(number, customerId)}>
      {label ?? t('phone.call')}
    </button>
  );
}
