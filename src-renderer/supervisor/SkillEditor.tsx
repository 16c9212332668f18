import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../../src-common/supervisor';
import { useIntents } from '../components/intents-context';
import { useAppStore } from '../store/app-store';

/**
 * An agent's skills, changed live by a supervisor: one level per skill the centre uses (0 = the
 * agent does not have it). The hub applies them at once, so the queues the agent serves follow.
 */
export function SkillEditor({ agent, disabled }: { agent: AgentStatus; disabled: boolean }) {
  const { t } = useTranslation();
  const intents = useIntents();
  const formId = useId();
  const everyone = useAppStore((s) => s.view?.supervisor?.agents);
  // The skills in use across the centre (and this agent's own), so a new skill can be given too.
  const skillIds = useMemo(() => {
    const ids = new Set<string>(Object.keys(agent.skills ?? {}));
    for (const a of everyone ?? []) for (const id of Object.keys(a.skills ?? {})) ids.add(id);
    return [...ids].sort();
  }, [agent.skills, everyone]);
  const [levels, setLevels] = useState<Record<string, number>>({});
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'saved'; queues: string } | { kind: 'failed'; error: string }>({ kind: 'idle' });

  useEffect(() => {
    setLevels({});
    setState({ kind: 'idle' });
  }, [agent.agentId]);

  const current = (id: string): number => levels[id] ?? agent.skills?.[id] ?? 0;
  const changed = Object.fromEntries(Object.entries(levels).filter(([id, level]) => level !== (agent.skills?.[id] ?? 0)));

  const save = async (): Promise<void> => {
    setState({ kind: 'busy' });
    const result = await intents.setAgentSkills(agent.agentId, changed);
    if (!result.ok) return setState({ kind: 'failed', error: t(`errors.${result.error.code}`, { defaultValue: result.error.message }) });
    setLevels({});
    setState({ kind: 'saved', queues: result.value.queueIds.join(', ') || '—' });
  };

  if (skillIds.length === 0) return null;
  return (
    <fieldset className="sv-skills" aria-describedby={`${formId}-hint`}>
      <legend>{t('supervisor.skills.title', { name: agent.displayName })}</legend>
      <p id={`${formId}-hint`} className="sv-muted">
        {t('supervisor.skills.hint')}
      </p>
      <div className="sv-skill-grid">
        {skillIds.map((id) => (
          <label key={id} className="sv-skill">
            <span>{t('supervisor.skills.level', { skill: id })}</span>
            <input
              type="number"
              min={0}
              max={10}
              step={1}
              value={current(id)}
              disabled={disabled}
              onChange={(e) => setLevels((l) => ({ ...l, [id]: Math.max(0, Math.min(10, Math.round(Number(e.target.value) || 0))) }))}
            />
          </label>
        ))}
      </div>
      <button type="button" className="button-secondary" disabled={disabled || state.kind === 'busy' || Object.keys(changed).length === 0} onClick={() => void save()}>
        {t('supervisor.skills.save')}
      </button>
      <p role="status" className="sv-muted">
        {state.kind === 'saved' ? t('supervisor.skills.saved', { name: agent.displayName, queues: state.queues }) : ''}
      </p>
      {state.kind === 'failed' && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </fieldset>
  );
}
