import { describe, expect, it } from 'vitest';
import type { QueueStats, SupervisorDashboard } from '../../../src-common/supervisor';
import { appendHistory, createHistoryRecorder, HISTORY_SPAN_MS, type HistoryPoint } from '../../../src-renderer/supervisor/dashboard-history';
import { plotData } from '../../../src-renderer/supervisor/history-plot-data';

function queue(queueId: string, waiting: number, serviceLevel: number | null): QueueStats {
  return {
    queueId, name: queueId, channel: 'voice', waiting, oldestSince: null, offered: 0, answered: 0, answeredWithinThreshold: 0, abandoned: 0, shortAbandoned: 0,
    serviceLevel, thresholdSeconds: 20, serviceLevelTarget: 0.8, maxWaitSeconds: 60, averageSpeedOfAnswerSeconds: null, averageHandleSeconds: null,
    agents: { ready: 0, busy: 0, notReady: 0 },
  };
}

function dashboard(at: string, queues: QueueStats[]): SupervisorDashboard {
  return { at, queues, agents: [] };
}

const T0 = Date.parse('2026-03-02T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('dashboard history for the plot', () => {
  it('keeps one point per dashboard time, the freshest figures winning', () => {
    let history: readonly HistoryPoint[] = [];
    history = appendHistory(history, dashboard(iso(T0), [queue('ventas', 2, 0.9)]));
    history = appendHistory(history, dashboard(iso(T0), [queue('ventas', 3, 0.9)]));
    history = appendHistory(history, dashboard(iso(T0 + 5000), [queue('ventas', 4, 0.5)]));
    expect(history.map((p) => [p.at, p.waiting.ventas])).toEqual([[T0, 3], [T0 + 5000, 4]]);
  });

  it('ignores a dashboard older than the last one (it arrived late)', () => {
    const history = appendHistory([], dashboard(iso(T0 + 5000), [queue('ventas', 4, null)]));
    expect(appendHistory(history, dashboard(iso(T0), [queue('ventas', 9, null)]))).toBe(history);
  });

  it('forgets what is more than two hours older than the newest point', () => {
    let history: readonly HistoryPoint[] = [];
    for (let minute = 0; minute <= 150; minute += 10) history = appendHistory(history, dashboard(iso(T0 + minute * 60_000), [queue('ventas', minute, null)]));
    const newest = history.at(-1)!.at;
    expect(history[0].at).toBeGreaterThanOrEqual(newest - HISTORY_SPAN_MS);
    expect(history[0].waiting.ventas).toBe(30);
    expect(history).toHaveLength(13);
  });

  it('tells the plot only about new dashboards, not about every change of the store', () => {
    const recorder = createHistoryRecorder();
    let heard = 0;
    recorder.subscribe(() => (heard += 1));
    const d = dashboard(iso(T0), [queue('ventas', 1, null)]);
    recorder.record(d);
    recorder.record(d);
    expect(heard).toBe(1);
    recorder.record(dashboard(iso(T0 + 1000), [queue('ventas', 1, null)]));
    expect(heard).toBe(2);
    expect(recorder.getSnapshot()).toHaveLength(2);
  });

  it('plots waiting and service level (in %) per queue, a queue added later as a gap', () => {
    let history: readonly HistoryPoint[] = [];
    history = appendHistory(history, dashboard(iso(T0), [queue('ventas', 2, 0.875)]));
    history = appendHistory(history, dashboard(iso(T0 + 1000), [queue('ventas', 3, null), queue('soporte', 1, 1)]));
    expect(plotData(history, ['ventas', 'soporte'])).toEqual([
      [T0 / 1000, T0 / 1000 + 1],
      [2, 3],
      [null, 1],
      [87.5, null],
      [null, 100],
    ]);
  });
});
