import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { CallNumberButton } from './CallNumberButton';

/**
 * A caller who hangs up while the agent's phone rings makes the card vanish; this says why
 * (announced politely) and offers to call them back, until the agent closes it.
 */
export function CallerHungUpNotice() {
  const { t } = useTranslation();
  const gone = useAppStore((s) => s.view?.callerHungUp ?? null);
  const [closed, setClosed] = useState<string | null>(null);
  if (!gone || closed === gone.offerId) return null;
  return (
    <div className="phone-notice" role="status">
      <p>{t('phone.callerHungUp', { from: gone.from })}</p>
      <div className="card-row">
        <CallNumberButton number={gone.from} customerId={gone.customerId} label={t('customer.callBack')} />
        <button type="button" className="button-quiet" onClick={() => setClosed(gone.offerId)}>
          {t('phone.dismiss')}
        </button>
      </div>
    </div>
  );
}
