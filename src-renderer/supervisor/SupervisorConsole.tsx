import { lazy, Suspense, useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentWork } from '../../src-common/supervisor';
import { useAppStore } from '../store/app-store';
import { AgentActions } from './AgentActions';
import { AGENTS_HEADING_ID, AgentTable } from './AgentTable';
import { AuditLog } from './AuditLog';
import { ChatMonitor } from './ChatMonitor';
import { IntervalReport } from './IntervalReport';
import type { HistoryRecorder } from './dashboard-history';
import { QueueTiles } from './QueueTiles';
import './supervisor.css';

export const CONSOLE_ID = 'supervisor-console';

// The plot library loads only when someone opens the console: agents never download it.
const HistoryPlot = lazy(() => import('./HistoryPlot').then((m) => ({ default: m.HistoryPlot })));

/**
 * The supervisor's live view of the queues they supervise and the agents who serve them, with
 * the actions a supervisor takes on agents and the audit log of those actions. Everything on it
 * comes from the hub's dashboard in the view; nothing here keeps figures of its own except the
 * history for the plot, which the owning screen remembers.
 */
export function SupervisorConsole({ recorder }: { recorder: HistoryRecorder }) {
  const { t } = useTranslation();
  const dashboard = useAppStore((s) => s.view?.supervisor ?? null);
  const selfId = useAppStore((s) => s.view?.user?.id ?? null);
  const panelId = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const onManage = useCallback((agentId: string) => setPicked(agentId), []);
  const [monitored, setMonitored] = useState<Pick<AgentWork, 'itemId' | 'label'> | null>(null);
  const onMonitor = useCallback((work: AgentWork) => setMonitored({ itemId: work.itemId, label: work.label }), []);
  const stopMonitoring = useCallback(() => {
    setMonitored(null);
    // Back to where the monitor was opened from, so the keyboard does not fall to the page top.
    document.getElementById(`${panelId}-heading`)?.focus();
  }, [panelId]);

  if (!dashboard)
    return (
      <main id={CONSOLE_ID} className="supervisor-console" tabIndex={-1} aria-busy="true">
        <p role="status">{t('supervisor.loading')}</p>
      </main>
    );

  const agent = picked === null ? null : (dashboard.agents.find((a) => a.agentId === picked) ?? null);
  return (
    <main id={CONSOLE_ID} className="supervisor-console" tabIndex={-1}>
      <div className="sv-top">
        <QueueTiles queues={dashboard.queues} agents={dashboard.agents} />
        <Suspense fallback={null}>
          <HistoryPlot recorder={recorder} queues={dashboard.queues} />
        </Suspense>
      </div>
      <section className="sv-agents" aria-labelledby={AGENTS_HEADING_ID}>
        <h2 id={AGENTS_HEADING_ID}>{t('supervisor.agents')}</h2>
        <div className="sv-agents-body">
          <div className="sv-agents-main">
            <AgentTable agents={dashboard.agents} selfId={selfId} selectedId={picked} panelId={panelId} onManage={onManage} />
          </div>
          <AgentActions agent={agent} picked={picked !== null} selfId={selfId} id={panelId} onMonitor={onMonitor} />
        </div>
      </section>
      {/* Keyed by chat: opening another one stops monitoring this one. */}
      {monitored && <ChatMonitor key={monitored.itemId} itemId={monitored.itemId} label={monitored.label} onClose={stopMonitoring} />}
      <AuditLog />
      <IntervalReport />
    </main>
  );
}
