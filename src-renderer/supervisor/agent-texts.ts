import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { READINESS_REASONS } from '../../src-common/domain';
import type { AgentStatus } from '../../src-common/supervisor';
import { useDataLabel } from '../hooks/use-data-label';
import { useAppStore } from '../store/app-store';
import type { AgentTexts } from './agent-rows';

/** A reason code as the centre named it in the UI language; the hub's own reasons in the app's words. */
export function useReasonLabel(): (code: string | null) => string {
  const { t } = useTranslation();
  const label = useDataLabel();
  const reasons = useAppStore(useShallow((s) => s.view?.config?.reasonCodes ?? []));
  return useCallback(
    (code) => {
      if (code === null) return '';
      const reason = reasons.find((r) => r.id === code);
      if (reason) return label(reason.label, reason.labels);
      if (READINESS_REASONS.includes(code)) return t(`states.systemReasons.${code as 'desktop-closed'}`);
      return code;
    },
    [reasons, label, t],
  );
}

/** The texts of an agent's row, as the agent desktop words states and channels. */
export function useAgentTexts(): AgentTexts {
  const { t } = useTranslation();
  const reasonLabel = useReasonLabel();
  return useMemo(
    () => ({
      state: (agent: AgentStatus) => t(`states.${agent.state}`),
      // A reason belongs to Not Ready; the hub may keep an old one on other states.
      reason: (agent: AgentStatus) => (agent.state === 'not-ready' ? reasonLabel(agent.reasonCode) : ''),
      work: (agent: AgentStatus) => agent.work.map((w) => `${t(`channels.${w.channel}`)}: ${w.label}`).join(', '),
    }),
    [t, reasonLabel],
  );
}
