import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store';

/**
 * Tells the agent that a supervisor is on their call and how (listening, talking to them only,
 * or talking to both), when the centre's policy says agents are told. The supervision call
 * itself is never shown as a call of theirs: it is not theirs to hang up or transfer.
 */
export function SupervisedCallNotice() {
  const { t } = useTranslation();
  const notices = useAppStore(
    useShallow((s) =>
      Object.values(s.phone.supervisionCalls)
        .filter((call) => call.supervision?.side === 'agent' && call.supervision.mode !== null && call.state === 'active' && s.phone.supervisorNames[call.id])
        .map((call) => ({ id: call.id, name: s.phone.supervisorNames[call.id] ?? '', mode: call.supervision?.mode ?? 'monitor' })),
    ),
  );
  return (
    <>
      {notices.map((notice) => (
        <p key={notice.id} className="call-flag call-supervised" role="status">
          {t(`phone.supervisedBy.${notice.mode}`, { name: notice.name })}
        </p>
      ))}
    </>
  );
}
