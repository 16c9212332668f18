import { useTranslation } from 'react-i18next';
import { NoticeBar } from '../components/NoticeBar';
import { SettingsDialog } from '../components/SettingsDialog';
import { TopBar } from '../components/TopBar';
import { CONSOLE_ID, SupervisorConsole } from './SupervisorConsole';
import { useHistoryRecorder } from './use-history-recorder';

/** An administrator's whole screen: they take no work, so there is no agent desktop to switch to. */
export function SupervisorScreen() {
  const { t } = useTranslation();
  const recorder = useHistoryRecorder();
  return (
    <div className="supervisor-screen">
      <a className="skip-link" href={`#${CONSOLE_ID}`}>
        {t('supervisor.skipToConsole')}
      </a>
      <TopBar takesWork={false} />
      <NoticeBar />
      <SupervisorConsole recorder={recorder} />
      <SettingsDialog />
    </div>
  );
}
