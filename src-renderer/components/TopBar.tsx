import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { useIntents } from './intents-context';
import { LanguageSwitch } from './LanguageSwitch';
import { StateControl } from './StateControl';
import { PhoneStatus } from '../phone/PhoneStatus';
import { ScreenModeSwitch } from '../supervisor/ScreenModeSwitch';

function ConnectionStatus() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.view?.status ?? 'connecting');
  const transport = useAppStore((s) => s.transport);
  const pending = useAppStore((s) => s.view?.outboxPending ?? 0);
  const level = transport !== 'open' ? 'lost' : status === 'online' ? 'online' : 'degraded';
  return (
    <div className={`connection connection-${level}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      <span>{transport !== 'open' ? t('connection.desktopLost') : t(`connection.${status}`)}</span>
      {pending > 0 && <span className="outbox">{t('topBar.outboxPending', { count: pending })}</span>}
    </div>
  );
}

/** `takesWork` false: an administrator's bar, with no agent state or phone. */
export function TopBar({ takesWork = true }: { takesWork?: boolean }) {
  const { t } = useTranslation();
  const intents = useIntents();
  const name = useAppStore((s) => s.view?.user?.displayName ?? '');
  const openSettings = useAppStore((s) => s.setSettingsOpen);
  return (
    <header className="topbar">
      <span className="brand">{t('app.name')}</span>
      <span className="agent-name">
        <span className="visually-hidden">{t('topBar.agent')}: </span>
        {name}
      </span>
      {takesWork && <StateControl />}
      <ConnectionStatus />
      {takesWork && <PhoneStatus />}
      <ScreenModeSwitch />
      <div className="topbar-end">
        <LanguageSwitch />
        <button type="button" className="button-quiet" onClick={() => openSettings(true)}>
          {t('topBar.settings')}
        </button>
        <button type="button" className="button-quiet" onClick={() => void intents.logout()}>
          {t('topBar.logout')}
        </button>
      </div>
    </header>
  );
}
