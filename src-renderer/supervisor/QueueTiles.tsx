import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStatus, QueueStats } from '../../src-common/supervisor';
import { ChannelBadge } from '../components/ChannelBadge';
import { formatDuration } from '../format/durations';
import { useDataLabel } from '../hooks/use-data-label';
import { isAlert, longestWaitSeconds, newlyAlerting, queueAlert } from '../../src-common/queue-alert';
import { useHubNow } from './use-hub-now';
import { WaitingList, type MoveTargets } from './WaitingList';

function percent(fraction: number): number {
  return Math.round(fraction * 100);
}

/** Seconds as "m:ss" (ASA, AHT): the same reading as every other duration in the app. */
function Seconds({ value }: { value: number | null }) {
  const { t } = useTranslation();
  return <>{value === null ? t('supervisor.noFigure') : formatDuration(value * 1000)}</>;
}

/**
 * One queue at a glance. Red with the word "Alerta" and why (never colour alone) when the
 * longest wait or the service level is past the queue's limits. Ticks on its own.
 */
function QueueTile({ queue, targets }: { queue: QueueStats; targets: MoveTargets }) {
  const { t } = useTranslation();
  const label = useDataLabel();
  const hubNow = useHubNow();
  const name = label(queue.name, queue.names);
  const alert = queueAlert(queue, hubNow);
  const alerting = isAlert(alert);
  const why: string[] = [];
  if (alert.overWait) why.push(t('supervisor.alertWait', { time: formatDuration(queue.maxWaitSeconds * 1000) }));
  if (alert.belowTarget) why.push(t('supervisor.alertLevel'));
  return (
    <section aria-label={name} className={alerting ? 'sv-tile sv-tile-alert' : 'sv-tile'} data-queue-id={queue.queueId} data-alert={alerting ? 'true' : 'false'}>
      <div className="sv-tile-head">
        <h3 className="sv-tile-name">{name}</h3>
        <ChannelBadge channel={queue.channel} />
        {alerting && <strong className="sv-alert-badge">{t('supervisor.alert')}</strong>}
      </div>
      {alerting && <p className="sv-alert-why">{why.join(' · ')}</p>}
      <dl className="sv-figures">
        <div className="sv-figure sv-figure-main">
          <dt>{t('supervisor.waiting')}</dt>
          <dd data-figure="waiting">{queue.waiting}</dd>
        </div>
        <div className="sv-figure sv-figure-main">
          <dt>{t('supervisor.longestWait')}</dt>
          <dd data-figure="longest-wait">
            {queue.oldestSince === null ? (
              <>
                <span aria-hidden="true">–</span>
                <span className="visually-hidden">{t('supervisor.nobodyWaits')}</span>
              </>
            ) : (
              formatDuration(longestWaitSeconds(queue.oldestSince, hubNow) * 1000)
            )}
          </dd>
        </div>
        <div className="sv-figure sv-figure-wide">
          <dt>{t('supervisor.serviceLevel')}</dt>
          <dd data-figure="service-level">
            {queue.serviceLevel === null
              ? t('supervisor.serviceLevelNone', { threshold: queue.thresholdSeconds })
              : t('supervisor.serviceLevelValue', { percent: percent(queue.serviceLevel), threshold: queue.thresholdSeconds })}{' '}
            <span className="sv-muted">{t('supervisor.target', { percent: percent(queue.serviceLevelTarget) })}</span>
          </dd>
        </div>
        <div className="sv-figure">
          <dt>{t('supervisor.asa')}</dt>
          <dd>
            <Seconds value={queue.averageSpeedOfAnswerSeconds} />
          </dd>
        </div>
        <div className="sv-figure">
          <dt>{t('supervisor.aht')}</dt>
          <dd>
            <Seconds value={queue.averageHandleSeconds} />
          </dd>
        </div>
        <div className="sv-figure">
          <dt>{t('supervisor.offered')}</dt>
          <dd>{queue.offered}</dd>
        </div>
        <div className="sv-figure">
          <dt>{t('supervisor.answered')}</dt>
          <dd>{queue.answered}</dd>
        </div>
        <div className="sv-figure sv-figure-wide">
          <dt>{t('supervisor.abandoned')}</dt>
          <dd>{t('supervisor.abandonedValue', { count: queue.abandoned, short: queue.shortAbandoned })}</dd>
        </div>
        <div className="sv-figure sv-figure-wide">
          <dt>{t('supervisor.agentsByState')}</dt>
          <dd>{t('supervisor.agentsValue', queue.agents)}</dd>
        </div>
      </dl>
      <WaitingList queue={queue} targets={targets} />
    </section>
  );
}

/**
 * Says once, out loud, that a queue went over its limits: when its tile turns red, not again
 * while it stays red. The region is always in the page so screen readers hear what lands in it.
 */
function QueueAlertAnnouncer({ queues }: { queues: readonly QueueStats[] }) {
  const { t } = useTranslation();
  const label = useDataLabel();
  const hubNow = useHubNow();
  const alertingKey = queues
    .filter((q) => isAlert(queueAlert(q, hubNow)))
    .map((q) => q.queueId)
    .join('\n');
  const before = useRef<ReadonlySet<string>>(new Set());
  const latestQueues = useRef(queues);
  latestQueues.current = queues;
  // Each announcement is a new node: the same words again (a queue red a second time) are heard again.
  const [message, setMessage] = useState({ text: '', serial: 0 });
  useEffect(() => {
    const now = new Set(alertingKey ? alertingKey.split('\n') : []);
    const fresh = newlyAlerting(before.current, now);
    before.current = now;
    if (fresh.length === 0) return;
    const names = fresh.map((id) => {
      const queue = latestQueues.current.find((q) => q.queueId === id);
      return queue ? label(queue.name, queue.names) : id;
    });
    const text = names.map((queue) => t('supervisor.alertAnnounce', { queue })).join('. ');
    setMessage((m) => ({ text, serial: m.serial + 1 }));
  }, [alertingKey, label, t]);
  return (
    <div className="visually-hidden" role="status" aria-live="assertive" aria-atomic="true" data-testid="queue-alerts">
      <span key={message.serial}>{message.text}</span>
    </div>
  );
}

export const QUEUES_HEADING_ID = 'supervisor-queues-heading';

export function QueueTiles({ queues, agents }: { queues: readonly QueueStats[]; agents: readonly AgentStatus[] }) {
  const { t } = useTranslation();
  return (
    <section className="sv-queues" aria-labelledby={QUEUES_HEADING_ID}>
      <h2 id={QUEUES_HEADING_ID} tabIndex={-1}>
        {t('supervisor.queues')}
      </h2>
      <QueueAlertAnnouncer queues={queues} />
      {queues.length === 0 ? (
        <p className="empty">{t('supervisor.noQueues')}</p>
      ) : (
        <div className="sv-tiles">
          {queues.map((q) => (
            <QueueTile key={q.queueId} queue={q} targets={{ queues, agents }} />
          ))}
        </div>
      )}
    </section>
  );
}
