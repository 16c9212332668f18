import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

/**
 * A supervisor watching the console still takes work: when an offer waits for them, the console
 * says so in plain sight with the way back to it, so an offer never expires unseen behind it.
 */
export function WorkWaitingBanner() {
  const { t } = useTranslation();
  const offers = useAppStore((s) => s.view?.offers.length ?? 0);
  const setScreenMode = useAppStore((s) => s.setScreenMode);
  return (
    <div className="sv-work-waiting" role="status">
      {offers > 0 && (
        <>
          <strong>{t('supervisor.workWaiting', { count: offers })}</strong>
          <button type="button" className="button-primary" onClick={() => setScreenMode('work')}>
            {t('supervisor.goToWork')}
          </button>
        </>
      )}
    </div>
  );
}
