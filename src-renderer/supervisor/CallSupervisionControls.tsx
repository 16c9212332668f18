import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../../src-common/supervisor';
import { VoiceSupervisionMode, type SupervisionStep } from '../../src-common/voice-supervision';
import { usePhone } from '../phone/phone-context';
import { useAppStore } from '../store/app-store';

/**
 * Listening to an agent's call from the console: monitor (only the supervisor hears), whisper
 * (the agent hears the supervisor, the customer does not), barge (everyone hears everyone). The
 * first choice calls the agent's phone; later ones change the mode on the same call, or take it
 * over (the caller moves to the supervisor's phone, the call becomes their work item). The
 * buttons say which mode is on (aria-pressed); the status line says what is happening.
 */
export function CallSupervisionControls(props: { agent: AgentStatus; online: boolean }) {
  const { agent, online } = props;
  const { t } = useTranslation();
  const phone = usePhone();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [tookOver, setTookOver] = useState(false);
  const callId = phone.supervisor.callTo(agent.agentId);
  const call = useAppStore((s) => (callId ? (s.phone.supervisionCalls[callId] ?? null) : null));
  const onCall = agent.work.some((w) => w.channel === 'voice' && w.state === 'accepted');
  if (!onCall && !call && !tookOver) return null;

  const choose = async (mode: SupervisionStep): Promise<void> => {
    setBusy(true);
    setProblem('');
    const result = await phone.supervisor.supervise(agent.agentId, mode);
    setBusy(false);
    if (!result.ok) setProblem(result.error.message);
    else if (mode === 'take-over') setTookOver(true);
  };
  const connected = call?.state === 'active';
  const status = tookOver && !call ? t('supervisor.voice.tookOver') : !call ? '' : connected && call.supervision?.mode ? t(`supervisor.voice.on.${call.supervision.mode}`, { name: agent.displayName }) : t('supervisor.voice.connecting');
  return (
    <fieldset className="sv-voice" aria-describedby={`sv-voice-${agent.agentId}`}>
      <legend>{t('supervisor.voice.title', { name: agent.displayName })}</legend>
      <div className="sv-voice-modes">
        {VoiceSupervisionMode.options.map((mode) => (
          <button
            key={mode}
            type="button"
            className="button-secondary"
            aria-pressed={connected && call?.supervision?.mode === mode}
            disabled={busy || !online || (call !== null && !connected)}
            onClick={() => void choose(mode)}
          >
            {t(`supervisor.voice.mode.${mode}`)}
          </button>
        ))}
        {call && (
          <button type="button" className="button-primary" disabled={busy || !online || !connected} onClick={() => void choose('take-over')}>
            {t('supervisor.voice.takeOver')}
          </button>
        )}
        {call && (
          <button type="button" className="button-danger" disabled={busy} onClick={() => void phone.supervisor.leave(agent.agentId)}>
            {t('supervisor.voice.leave')}
          </button>
        )}
      </div>
      <p id={`sv-voice-${agent.agentId}`} role="status" className={problem ? 'sv-voice-problem' : 'sv-muted'}>
        {problem || status}
      </p>
    </fieldset>
  );
}
