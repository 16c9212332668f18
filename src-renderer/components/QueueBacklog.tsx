import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueBacklog as QueueBacklogData } from '../../src-common/protocol';
import { backlogRows, backlogTotals } from '../format/backlog-rows';
import { useDataLabel } from '../hooks/use-data-label';
import { useAppStore } from '../store/app-store';
import { Elapsed } from './Countdown';

const NO_BACKLOG: QueueBacklogData[] = [];
const HEADING_ID = 'backlog-heading';

/**
 * What waits in the queues this agent serves, live from the hub: a table (queue, waiting,
 * longest wait) so a screen reader reads each row with its column names. The longest wait
 * ticks here from the moment the hub gave; the hub only sends when the backlog changes.
 */
export function QueueBacklog() {
  const { t } = useTranslation();
  const backlog = useAppStore((s) => s.view?.backlog ?? NO_BACKLOG);
  const queues = useAppStore((s) => s.view?.config?.queues);
  const label = useDataLabel();
  const rows = useMemo(
    () =>
      backlogRows(backlog, (id) => {
        const queue = queues?.find((q) => q.id === id);
        return queue ? label(queue.name, queue.names) : id;
      }),
    [backlog, queues, label],
  );
  if (rows.length === 0) return null;
  const totals = backlogTotals(rows);
  return (
    <>
      <h3 className="list-title" id={HEADING_ID}>
        {t('backlog.title')} <span className="count">{totals.waiting}</span>
      </h3>
      <table className="backlog-table" aria-labelledby={HEADING_ID}>
        <thead>
          <tr>
            <th scope="col">{t('backlog.queue')}</th>
            <th scope="col">{t('backlog.waiting')}</th>
            <th scope="col">{t('backlog.longestWait')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.queueId} data-queue-id={row.queueId} className={row.total > 0 ? 'backlog-busy' : undefined}>
              <th scope="row">{row.name}</th>
              <td>
                {row.total}
                {row.channels.length > 1 && (
                  <span className="backlog-channels">
                    {' '}
                    ({row.channels.map((c) => t('backlog.perChannel', { count: c.count, channel: t(`channels.${c.channel}`) })).join(', ')})
                  </span>
                )}
              </td>
              <td>{row.oldestSince ? <Elapsed since={row.oldestSince} /> : <>
                    <span aria-hidden="true">–</span>
                    <span className="visually-hidden">{t('backlog.nobodyWaits')}</span>
                  </>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
