import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { MISSED_REASON, READINESS_REASONS, type AgentPresence } from '../../src-common/domain';
import { useAppStore } from '../store/app-store';
import { Elapsed } from './Countdown';
import { useIntents } from './intents-context';
import { useDataLabel } from '../hooks/use-data-label';

/** Encodes the select's value: "ready", "offline" or "not-ready:<reason>". */
function presenceValue(presence: AgentPresence | null): string {
  if (!presence) return 'offline';
  if (presence.state === 'not-ready') return `not-ready:${presence.reasonCode ?? ''}`;
  return presence.state;
}

export function StateControl() {
  const { t } = useTranslation();
  const id = useId();
  const intents = useIntents();
  const presence = useAppStore((s) => s.view?.presence ?? null);
  // State changes go straight to the hub (they are not queued offline): only offer them online.
  const online = useAppStore((s) => s.view?.status === 'online' && s.transport === 'open');
  const reasons = useAppStore(useShallow((s) => s.view?.config?.reasonCodes ?? []));
  const current = presenceValue(presence);
  // Busy and wrap-up are the hub's to end; the agent sees them but cannot pick them.
  const hubOwned = presence?.state === 'busy' || presence?.state === 'after-call-work';
  const label = useDataLabel();
  const reasonLabel = (code: string | null) => {
    const reason = reasons.find((r) => r.id === code);
    if (reason) return label(reason.label, reason.labels);
    // Reasons the hub sets itself (a closed desktop, an unregistered phone) are the app's words.
    if (code !== null && READINESS_REASONS.includes(code)) return t(`states.systemReasons.${code as 'desktop-closed'}`);
    return code ?? '';
  };
  const systemReason = presence?.state === 'not-ready' && presence.reasonCode && !reasons.some((r) => r.id === presence.reasonCode) ? presence.reasonCode : null;
  // The hub may put an agent not-ready for a reason they cannot choose ("missed"): still show it.
  const selectable = reasons.filter((r) => r.id !== MISSED_REASON || presence?.reasonCode === MISSED_REASON);

  return (
    <div className={`state-control state-${presence?.state ?? 'offline'}`}>
      <label htmlFor={id}>{t('topBar.state')}</label>
      <select
        id={id}
        value={current}
        disabled={!online}
        onChange={(e) => {
          const value = e.target.value;
          if (value === 'ready' || value === 'offline') void intents.setState(value, null);
          else if (value.startsWith('not-ready:')) void intents.setState('not-ready', value.slice('not-ready:'.length));
        }}
      >
        {hubOwned && presence && (
          <option value={presence.state} disabled>
            {t(`states.${presence.state}`)}
          </option>
        )}
        <option value="ready">{t('states.ready')}</option>
        {selectable.map((r) => (
          <option key={r.id} value={`not-ready:${r.id}`} disabled={r.id === MISSED_REASON}>
            {t('states.notReadyReason', { reason: label(r.label, r.labels) })}
          </option>
        ))}
        {systemReason && (
          <option value={`not-ready:${systemReason}`} disabled>
            {t('states.notReadyReason', { reason: reasonLabel(systemReason) })}
          </option>
        )}
        <option value="offline">{t('states.offline')}</option>
      </select>
      {presence && (
        <span className="state-now" aria-label={t('topBar.timeInState')}>
          <span className="state-dot" aria-hidden="true" />
          <span className="state-name">
            {presence.state === 'not-ready' ? t('states.notReadyReason', { reason: reasonLabel(presence.reasonCode) }) : t(`states.${presence.state}`)}
          </span>
          <Elapsed since={presence.since} />
        </span>
      )}
    </div>
  );
}
