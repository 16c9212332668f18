import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcuts } from '../keyboard/use-shortcuts';
import { useAppStore } from '../store/app-store';
import { CustomerPanel } from './CustomerPanel';
import { useIntents } from './intents-context';
import { NoticeBar } from './NoticeBar';
import { UnsentActions } from './UnsentActions';
import { QUEUE_HEADING_ID, QueuePane } from './QueuePane';
import { SettingsDialog } from './SettingsDialog';
import { TopBar } from './TopBar';
import { Workspace } from './Workspace';
import { DialpadDialog } from '../phone/DialpadDialog';
import { TransferDialog } from '../phone/TransferDialog';
import { usePhone } from '../phone/phone-context';
import { createPhoneShortcuts } from '../phone/phone-keys';
import { useDialLinks } from '../phone/use-dial-links';
import { CONSOLE_ID, SupervisorConsole } from '../supervisor/SupervisorConsole';
import { WorkWaitingBanner } from '../supervisor/WorkWaitingBanner';
import { useHistoryRecorder } from '../supervisor/use-history-recorder';

function LiveAnnouncer() {
  const announcement = useAppStore((s) => s.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement}
    </div>
  );
}

export function AgentScreen() {
  const { t } = useTranslation();
  const intents = useIntents();
  const focusQueue = useCallback(() => document.getElementById(QUEUE_HEADING_ID)?.focus(), []);
  const phone = usePhone();
  const phoneShortcuts = useMemo(() => createPhoneShortcuts(useAppStore, phone), [phone]);
  useShortcuts(useAppStore, intents, focusQueue, phoneShortcuts);
  useDialLinks(document, phone);
  // A supervisor may look at the console instead of their work; offers and calls still reach
  // them (top bar, shortcuts, the live announcer), and the plot keeps its history across switches.
  const supervising = useAppStore((s) => s.view?.user?.role === 'supervisor' && s.screenMode === 'supervision');
  const recorder = useHistoryRecorder();
  return (
    <div className={supervising ? 'agent-screen supervising' : 'agent-screen'}>
      {supervising ? (
        <a className="skip-link" href={`#${CONSOLE_ID}`}>
          {t('supervisor.skipToConsole')}
        </a>
      ) : (
        <a className="skip-link" href={`#${QUEUE_HEADING_ID}`}>
          {t('app.skipToQueue')}
        </a>
      )}
      <TopBar />
      <NoticeBar />
      <UnsentActions />
      {supervising ? (
        <>
          <WorkWaitingBanner />
          <SupervisorConsole recorder={recorder} />
        </>
      ) : (
        <>
          <main className="work-area">
            <QueuePane />
            <Workspace />
          </main>
          <CustomerPanel />
        </>
      )}
      <SettingsDialog />
      <DialpadDialog />
      <TransferDialog />
      <LiveAnnouncer />
    </div>
  );
}
