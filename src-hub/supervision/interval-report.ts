/**
 * The 15-minute interval report of a day: per queue, the items that arrived in each interval
 * (offered, answered, within threshold, abandoned, short abandons, service level, speed of
 * answer, handle time); per agent, the items they finished in each interval. Read from stored
 * items, so a report asked after a hub restart is the same as before it. Intervals are in the
 * hub machine's time zone, like "today" on the dashboard.
 */
import type { HubConfig } from '../../src-common/hub-config';
import { INTERVAL_MINUTES, type IntervalRow } from '../../src-common/supervisor';
import { iso, parseIso } from '../clock';
import type { ItemTimes, SupervisionRepository } from '../storage/supervision-repository';

const INTERVAL_MS = INTERVAL_MINUTES * 60_000;
const seconds = (later: string, earlier: string): number => (parseIso(later) - parseIso(earlier)) / 1000;

/** Local midnight of `day` (YYYY-MM-DD) and of the day after, in ms. */
export function dayBounds(day: string): { from: number; to: number } {
  const [y, m, d] = day.split('-').map(Number);
  const from = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime();
  const to = new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1).getTime();
  return { from, to };
}

/** An instant as local time with its offset (what a supervisor's spreadsheet shows as the interval). */
export function localIso(ms: number): string {
  const at = new Date(ms);
  const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** Local start of the 15-minute interval `ms` falls in (every zone offset in use is a multiple of 15 min). */
const intervalOf = (ms: number): number => Math.floor(ms / INTERVAL_MS) * INTERVAL_MS;

interface Tally {
  offered: number;
  answered: number;
  within: number;
  abandoned: number;
  short: number;
  waitSum: number;
  handled: number;
  handleSum: number;
}
const emptyTally = (): Tally => ({ offered: 0, answered: 0, within: 0, abandoned: 0, short: 0, waitSum: 0, handled: 0, handleSum: 0 });

export function intervalReport(repo: Pick<SupervisionRepository, 'itemsBetween'>, config: HubConfig, day: string): IntervalRow[] {
  const { from, to } = dayBounds(day);
  const thresholds = new Map(config.queues.map((q) => [q.id, q.serviceLevel.thresholdSeconds]));
  const tallies = new Map<string, Tally>();
  const tally = (kind: 'queue' | 'agent', id: string, at: number): Tally => {
    const key = `${intervalOf(at)}|${kind}|${id}`;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = emptyTally()));
    return t;
  };
  const inDay = (at: string | null): at is string => at !== null && parseIso(at) >= from && parseIso(at) < to;
  for (const item of repo.itemsBetween(iso(from), iso(to))) {
    if (inDay(item.createdAt)) countArrival(tally('queue', item.queueId, parseIso(item.createdAt)), item, thresholds.get(item.queueId) ?? 20, config.shortAbandonSeconds);
    if (item.state === 'done' && item.agentId && item.acceptedAt && inDay(item.completedAt)) {
      const t = tally('agent', item.agentId, parseIso(item.completedAt));
      t.handled += 1;
      t.handleSum += seconds(item.completedAt, item.acceptedAt);
    }
  }
  return [...tallies.entries()]
    .map(([key, t]) => {
      const [start = '0', kind = 'queue', id = ''] = key.split('|');
      const counted = t.answered + t.abandoned - t.short;
      return {
        intervalStart: localIso(Number(start)),
        kind: kind as IntervalRow['kind'],
        id,
        offered: t.offered,
        answered: t.answered,
        answeredWithinThreshold: t.within,
        abandoned: t.abandoned,
        shortAbandoned: t.short,
        serviceLevel: counted > 0 ? t.within / counted : null,
        averageSpeedOfAnswerSeconds: t.answered > 0 ? round(t.waitSum / t.answered) : null,
        handled: t.handled,
        averageHandleSeconds: t.handled > 0 ? round(t.handleSum / t.handled) : null,
      };
    })
    .sort((a, b) => a.intervalStart.localeCompare(b.intervalStart) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

function countArrival(t: Tally, item: ItemTimes, thresholdSeconds: number, shortAbandonSeconds: number): void {
  t.offered += 1;
  if (item.acceptedAt) {
    const wait = seconds(item.acceptedAt, item.createdAt);
    t.answered += 1;
    t.waitSum += wait;
    if (wait <= thresholdSeconds) t.within += 1;
  } else if (item.state === 'abandoned') {
    t.abandoned += 1;
    if (seconds(item.completedAt ?? item.endedAt ?? item.createdAt, item.createdAt) <= shortAbandonSeconds) t.short += 1;
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;
