import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { SYSTEM_REASONS } from '../../src-common/domain';
import { FORCE_STATE_REASON_DEFAULT, type AgentStatus, type AgentWork, type ForceAgentStateParams } from '../../src-common/supervisor';
import { useIntents } from '../components/intents-context';
import { useDataLabel } from '../hooks/use-data-label';
import { useAppStore } from '../store/app-store';
import { SkillEditor } from './SkillEditor';
import { qualityWords } from '../phone/quality-words';
import { CallSupervisionControls } from './CallSupervisionControls';

/**
 * What a supervisor does to the agent picked in the table: set them Not Ready with a reason, or
 * sign them out, and open any chat they are in to monitor it. A refusal shows in the notice bar
 * like any failed action; a success is said in the panel. The hub writes them to the audit log.
 */
export function AgentActions(props: { agent: AgentStatus | null; picked: boolean; selfId: string | null; id: string; onMonitor: (work: AgentWork) => void }) {
  const { agent, picked, selfId, id, onMonitor } = props;
  const { t, i18n } = useTranslation();
  const intents = useIntents();
  const label = useDataLabel();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reasonId = useId();
  // Reasons the hub sets itself (missed offer, closed desktop, phone offline) are not a supervisor's to give.
  const reasons = useAppStore(useShallow((s) => (s.view?.config?.reasonCodes ?? []).filter((r) => !SYSTEM_REASONS.includes(r.id))));
  // Force actions go straight to the hub: offered only while it can be reached.
  const online = useAppStore((s) => s.view?.status === 'online' && s.transport === 'open');
  const [reason, setReason] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const agentId = agent?.agentId ?? null;

  useEffect(() => {
    setDone('');
    // The supervisor picked someone: take them to the actions (keyboard first).
    if (agentId !== null) headingRef.current?.focus();
  }, [agentId]);

  const chosenReason = reasons.some((r) => r.id === reason) ? reason : (reasons[0]?.id ?? FORCE_STATE_REASON_DEFAULT);
  const run = async (target: AgentStatus, state: ForceAgentStateParams['state']): Promise<void> => {
    setBusy(true);
    setDone('');
    const result = await intents.forceAgentState(target.agentId, state, state === 'not-ready' ? chosenReason : null);
    setBusy(false);
    if (result.ok) setDone(t(state === 'offline' ? 'supervisor.signedOut' : 'supervisor.forced', { name: target.displayName }));
  };

  const own = agent !== null && agent.agentId === selfId;
  const disabled = agent === null || own || busy || !online;
  // Only a chat the agent is in can be followed: an offer has no agent yet, wrap-up no customer.
  const chats = own ? [] : (agent?.work ?? []).filter((w) => w.channel === 'chat' && w.state === 'accepted');
  return (
    <section id={id} className="sv-actions" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {agent ? t('supervisor.panelTitle', { name: agent.displayName }) : t('supervisor.columns.actions')}
      </h3>
      {agent === null && <p className="sv-muted">{picked ? t('supervisor.panelGone') : t('supervisor.panelIdle')}</p>}
      {own && <p className="sv-muted">{t('supervisor.panelOwn')}</p>}
      {agent !== null && (
        <>
          <p className="sv-occupancy">
            {t('supervisor.occupancy', { value: agent.occupancy === null || agent.occupancy === undefined ? t('supervisor.noFigure') : `${Math.round(agent.occupancy * 100)} %` })}
          </p>
          {agent.lastCall && <p className="sv-last-call">{t('supervisor.lastCall', qualityWords(t, i18n.language, agent.lastCall.mosAverage, agent.lastCall.mainProblem))}</p>}
          <div className="field">
            <label htmlFor={reasonId}>{t('supervisor.reason')}</label>
            <select id={reasonId} value={chosenReason} disabled={disabled || reasons.length === 0} onChange={(e) => setReason(e.target.value)}>
              {reasons.length === 0 && <option value={FORCE_STATE_REASON_DEFAULT}>{t('supervisor.noFigure')}</option>}
              {reasons.map((r) => (
                <option key={r.id} value={r.id}>
                  {label(r.label, r.labels)}
                </option>
              ))}
            </select>
          </div>
          <div className="sv-action-buttons">
            <button type="button" className="button-primary" disabled={disabled || agent.state === 'offline'} onClick={() => void run(agent, 'not-ready')}>
              {t('supervisor.forceNotReady')}
            </button>
            <button type="button" className="button-danger" disabled={disabled || agent.state === 'offline'} onClick={() => void run(agent, 'offline')}>
              {t('supervisor.signOut')}
            </button>
            {chats.map((w) => (
              <button key={w.itemId} type="button" className="button-secondary sv-monitor-open" disabled={!online} onClick={() => onMonitor(w)}>
                {t('supervisor.monitorChat', { label: w.label })}
              </button>
            ))}
          </div>
          {!own && <CallSupervisionControls agent={agent} online={online} />}
          {!own && <SkillEditor agent={agent} disabled={!online} />}
        </>
      )}
      <p role="status" className="sv-done">
        {done}
      </p>
    </section>
  );
}
