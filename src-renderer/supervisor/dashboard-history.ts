/**
 * The recent past of the dashboard for the history plot: one point per dashboard the hub sent
 * (by its `at`), at most the last two hours. The hub sends only the present, so the desktop
 * remembers it while the window is open; a reload starts the plot afresh.
 */
import type { SupervisorDashboard } from '../../src-common/supervisor';

export const HISTORY_SPAN_MS = 2 * 60 * 60 * 1000;

export interface HistoryPoint {
  /** Hub time of the dashboard, epoch milliseconds. */
  at: number;
  waiting: Readonly<Record<string, number>>;
  /** 0..1, or null while the queue has no service level yet. */
  serviceLevel: Readonly<Record<string, number | null>>;
}

export function historyPoint(dashboard: SupervisorDashboard): HistoryPoint | null {
  const at = Date.parse(dashboard.at);
  if (Number.isNaN(at)) return null;
  const waiting: Record<string, number> = {};
  const serviceLevel: Record<string, number | null> = {};
  for (const q of dashboard.queues) {
    waiting[q.queueId] = q.waiting;
    serviceLevel[q.queueId] = q.serviceLevel;
  }
  return { at, waiting, serviceLevel };
}

/**
 * The history with this dashboard added: a dashboard with the time of the last point replaces
 * it (the same moment, fresher figures), an older one is ignored (it arrived late), and points
 * more than HISTORY_SPAN_MS older than the newest are dropped.
 */
export function appendHistory(history: readonly HistoryPoint[], dashboard: SupervisorDashboard): readonly HistoryPoint[] {
  const point = historyPoint(dashboard);
  if (!point) return history;
  const last = history.at(-1);
  if (last && point.at < last.at) return history;
  const kept = last && point.at === last.at ? history.slice(0, -1) : history;
  const oldest = point.at - HISTORY_SPAN_MS;
  const start = kept.findIndex((p) => p.at >= oldest);
  return [...(start < 0 ? [] : kept.slice(start)), point];
}

/** A listenable holder of the history, so only the plot re-renders when a dashboard lands. */
export interface HistoryRecorder {
  record(dashboard: SupervisorDashboard): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly HistoryPoint[];
}

export function createHistoryRecorder(): HistoryRecorder {
  let history: readonly HistoryPoint[] = [];
  let last: SupervisorDashboard | null = null;
  const listeners = new Set<() => void>();
  return {
    record(dashboard) {
      // The store changes for many reasons; only a new dashboard is a new point.
      if (dashboard === last) return;
      last = dashboard;
      const next = appendHistory(history, dashboard);
      if (next === history) return;
      history = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => history,
  };
}
