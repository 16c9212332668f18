import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

/**
 * Tells the agent that a supervisor is on their call and how (listening, talking to them only,
 * or talking to both), when the centre's policy says agents are told. The supervision call
 * itself is never shown as a call of theirs: it is not theirs to hang up or transfer.
 */
export function SupervisedCallNotice() {
  const { t } = useTranslation();
  const calls = useAppStore((s) => s.phone.supervisionCalls);
  const names = useAppStore((s) => s.phone.supervisorNames);
  const notices = Object.values(calls)
    .filter((call) => call.supervision?.side === 'agent' && call.supervision.mode !== null && call.state === 'active' && names[call.id])
    .map((call) => ({ id: call.id, name: names[call.id] ?? '', mode: call.supervision?.mode ?? 'monitor' }));
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
