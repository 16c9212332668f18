import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

/**
 * What the phone could not do on its own and the agent should know, in their language: chiefly an
 * offer it had to refuse (its media cannot be answered in a browser), which otherwise looks like a
 * call that vanished. Stays until the agent closes it or another problem replaces it.
 */
export function PhoneProblemNotice() {
  const { t } = useTranslation();
  const problem = useAppStore((s) => s.phone.lastError);
  const dismiss = useAppStore((s) => s.dismissPhoneError);
  if (!problem) return null;
  const text = problem.code === 'media-incompatible' ? t('phone.offerRefused', { from: problem.remote ?? '?' }) : t('phone.phoneProblem', { message: problem.message });
  return (
    <div className="phone-notice" role="alert">
      <p>{text}</p>
      <div className="card-row">
        <button type="button" className="button-quiet" onClick={dismiss}>
          {t('phone.dismiss')}
        </button>
      </div>
    </div>
  );
}
