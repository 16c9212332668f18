import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefusedAction } from '../../src-common/ipc';
import { useAppStore } from '../store/app-store';
import { useIntents } from './intents-context';

const NO_REFUSALS: RefusedAction[] = [];

/**
 * Actions the hub refused for good, kept by main as "not sent": what it was, the hub's reason,
 * the agent's words, and copy / try again / discard. Nothing here decides anything; main owns
 * the outbox and the list arrives with the view.
 */
export function UnsentActions() {
  const { t } = useTranslation();
  const refused = useAppStore((s) => s.view?.outboxRefused ?? NO_REFUSALS);
  const headingId = useId();
  if (refused.length === 0) return null;
  return (
    <section className="unsent" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('unsent.title', { count: refused.length })}</h2>
      <p className="unsent-intro">{t('unsent.intro')}</p>
      <ul className="unsent-list">
        {refused.map((action) => (
          <UnsentAction key={action.key} action={action} />
        ))}
      </ul>
    </section>
  );
}

function UnsentAction({ action }: { action: RefusedAction }) {
  const { t } = useTranslation();
  const intents = useIntents();
  const announce = useAppStore((s) => s.announce);
  const what = t(`unsent.op.${action.op}`);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(action.text);
      announce(t('unsent.copied'));
    } catch {
      announce(t('unsent.copyFailed'));
    }
  };
  return (
    <li className="unsent-item">
      <p className="unsent-what">
        <strong>{what}</strong>
        {action.detail && <span className="unsent-detail"> · {action.detail}</span>}
      </p>
      <p className="unsent-reason">{t('unsent.reason', { reason: action.reason.message || t(`errors.${action.reason.code}`) })}</p>
      <blockquote className="unsent-text">{action.text || t('unsent.noText')}</blockquote>
      <div className="card-actions">
        {action.text && (
          <button type="button" className="button-quiet" aria-label={t('unsent.copyLabel', { what })} onClick={() => void copy()}>
            {t('unsent.copy')}
          </button>
        )}
        <button type="button" className="button-primary" aria-label={t('unsent.retryLabel', { what })} onClick={() => void intents.retryUnsent(action.key)}>
          {t('unsent.retry')}
        </button>
        <button type="button" className="button-quiet" aria-label={t('unsent.discardLabel', { what })} onClick={() => void intents.discardUnsent(action.key)}>
          {t('unsent.discard')}
        </button>
      </div>
    </li>
  );
}
