import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

/** The last failed action, translated by its reason or error code; stays until dismissed or replaced. */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useAppStore((s) => s.notice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert">
      <p>
        <strong>{t(`actions.${notice.action}`)}</strong> {notice.reason ? t(`noticeReasons.${notice.reason}`) : t(`errors.${notice.error.code}`)}
      </p>
      <button type="button" className="button-quiet" onClick={dismiss}>
        {t('actions.dismiss')}
      </button>
    </div>
  );
}
