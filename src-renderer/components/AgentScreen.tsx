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
  return (
    <div className="agent-screen">
      <a className="skip-link" href={`#${QUEUE_HEADING_ID}`}>
        {t('app.skipToQueue')}
      </a>
      <TopBar />
      <NoticeBar />
      <UnsentActions />
      <main className="work-area">
        <QueuePane />
        <Workspace />
      </main>
      <CustomerPanel />
      <SettingsDialog />
      <DialpadDialog />
      <TransferDialog />
      <LiveAnnouncer />
    </div>
  );
}
