import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { QueueStats } from '../../src-common/supervisor';
import { useDataLabel } from '../hooks/use-data-label';
import { log } from '../log';
import type { HistoryRecorder } from './dashboard-history';
import { plotData } from './history-plot-data';

const HEIGHT = 170;
/** Dark enough on white for non-text contrast; the legend names every line, so colour is not alone. */
const COLOURS = ['#0b57d0', '#b3261e', '#146c2e', '#8a4b00', '#6b21a8', '#0e7490', '#be185d', '#374151'];
export const HISTORY_HEADING_ID = 'supervisor-history-heading';

/**
 * Waiting per queue (solid, left axis) and service level per queue (dashed, right axis, %) over
 * the last two hours. The canvas says nothing to a screen reader, so the figure's label reads
 * the latest values; the tiles above hold the same figures as text.
 */
export function HistoryPlot({ recorder, queues }: { recorder: HistoryRecorder; queues: readonly QueueStats[] }) {
  const { t, i18n } = useTranslation();
  const label = useDataLabel();
  const history = useSyncExternalStore(recorder.subscribe, recorder.getSnapshot);
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const historyRef = useRef(history);
  historyRef.current = history;

  const named = useMemo(() => queues.map((q) => ({ id: q.queueId, name: label(q.name, q.names) })), [queues, label]);
  // The plot is rebuilt only when its lines change (queues, names, language), not on each dashboard.
  const linesKey = `${i18n.language}\n${named.map((q) => `${q.id}\t${q.name}`).join('\n')}`;
  const ids = useMemo(() => named.map((q) => q.id), [named]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || named.length === 0) return;
    const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
    const options: uPlot.Options = {
      width: Math.max(240, host.clientWidth),
      height: HEIGHT,
      scales: { x: { time: true }, count: { range: (_u, _min, max) => [0, Math.max(4, max)] }, pct: { range: [0, 100] } },
      axes: [
        { values: (_u, splits) => splits.map((s) => time.format(new Date(s * 1000))) },
        { scale: 'count' },
        { scale: 'pct', side: 1, grid: { show: false }, values: (_u, splits) => splits.map((s) => `${s}%`) },
      ],
      // No live values in the legend: it only names the lines (the tiles hold the figures).
      legend: { live: false },
      series: [
        { label: t('supervisor.audit.columns.at') },
        ...named.map((q, i) => ({ label: t('supervisor.historyWaiting', { queue: q.name }), scale: 'count', stroke: COLOURS[i % COLOURS.length], width: 2 })),
        ...named.map((q, i) => ({ label: t('supervisor.historyLevel', { queue: q.name }), scale: 'pct', stroke: COLOURS[i % COLOURS.length], width: 1.5, dash: [6, 4] })),
      ],
    };
    let plot: uPlot;
    try {
      plot = new uPlot(options, plotData(historyRef.current, named.map((q) => q.id)), host);
    } catch (error) {
      // Without a canvas (an old engine, a test DOM) the console still works: the tiles carry the figures.
      log.warn('history plot unavailable', error instanceof Error ? error.message : String(error));
      return;
    }
    plotRef.current = plot;
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => plot.setSize({ width: Math.max(240, host.clientWidth), height: HEIGHT })) : null;
    resize?.observe(host);
    return () => {
      resize?.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // linesKey stands for `named` and the language: a new dashboard alone must not rebuild the plot.
  }, [linesKey]);

  useEffect(() => {
    plotRef.current?.setData(plotData(history, ids));
  }, [history, ids]);

  const summary =
    history.length === 0 || queues.length === 0
      ? t('supervisor.historyEmpty')
      : t('supervisor.historySummary', {
          summary: queues
            .map((q) =>
              t('supervisor.historyQueue', {
                queue: label(q.name, q.names),
                waiting: q.waiting,
                level: q.serviceLevel === null ? t('supervisor.noFigure') : `${Math.round(q.serviceLevel * 100)} %`,
              }),
            )
            .join('; '),
        });
  return (
    <section className="sv-history" aria-labelledby={HISTORY_HEADING_ID}>
      <h2 id={HISTORY_HEADING_ID}>{t('supervisor.history')}</h2>
      <div className="sv-plot" role="img" aria-label={summary}>
        <div ref={hostRef} className="sv-plot-host" />
      </div>
    </section>
  );
}
