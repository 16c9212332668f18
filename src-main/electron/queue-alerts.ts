/**
 * Which queues just turned red on a supervisor's dashboard (kept apart from the Electron
 * notification so the rule is tested without Electron).
 */
import { isAlert, newlyAlerting, queueAlert } from '../../src-common/queue-alert';
import type { Language } from '../../src-common/settings';
import type { SupervisorDashboard } from '../../src-common/supervisor';

/** The queues of `dashboard` alerting at `nowMs` that were not alerting in `before`, with their names. */
export function queuesTurningRed(before: ReadonlySet<string>, dashboard: SupervisorDashboard | null, nowMs: number, language: Language): { alerting: Set<string>; fresh: string[] } {
  const queues = dashboard?.queues ?? [];
  const alerting = new Set(queues.filter((q) => isAlert(queueAlert(q, nowMs))).map((q) => q.queueId));
  const fresh = newlyAlerting(before, alerting).map((id) => {
    const queue = queues.find((q) => q.queueId === id);
    return queue ? (queue.names?.[language] ?? queue.name) : id;
  });
  return { alerting, fresh };
}
