/**
 * The history as uPlot's columns: x in seconds, then one waiting line per queue, then one service
 * level line (percent) per queue. A queue missing from a point (added later) is a gap, not zero.
 */
import type { AlignedData } from 'uplot';
import type { HistoryPoint } from './dashboard-history';

export function plotData(history: readonly HistoryPoint[], queueIds: readonly string[]): AlignedData {
  const x = history.map((p) => p.at / 1000);
  const waiting = queueIds.map((id) => history.map((p) => p.waiting[id] ?? null));
  const level = queueIds.map((id) => history.map((p) => {
    const value = p.serviceLevel[id];
    return value === undefined || value === null ? null : Math.round(value * 1000) / 10;
  }));
  return [x, ...waiting, ...level];
}
