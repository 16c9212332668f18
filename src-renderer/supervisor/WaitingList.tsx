import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStatus, QueueStats, WaitingWork } from '../../src-common/supervisor';
import { useIntents } from '../components/intents-context';
import { formatDuration } from '../format/durations';
import { useDataLabel } from '../hooks/use-data-label';
import { longestWaitSeconds } from '../../src-common/queue-alert';
import { useHubNow } from './use-hub-now';

/** Where waiting work may go: the other queues of its channel, and the agents Ready now. */
export interface MoveTargets {
  queues: readonly QueueStats[];
  agents: readonly AgentStatus[];
}

/**
 * A queue's longest-waiting customers, each of which the supervisor can send to another queue
 * of the same channel or offer to a named agent who is Ready (the hub checks again). Folded by
 * default so the tiles stay glanceable.
 */
export function WaitingList({ queue, targets }: { queue: QueueStats; targets: MoveTargets }) {
  const { t } = useTranslation();
  const items = queue.waitingItems ?? [];
  if (items.length === 0) return null;
  return (
    <details className="sv-waiting">
      <summary>{t('supervisor.waitingList.title', { count: items.length })}</summary>
      <ul>
        {items.map((item) => (
          <WaitingRow key={item.itemId} item={item} queue={queue} targets={targets} />
        ))}
      </ul>
    </details>
  );
}

function WaitingRow({ item, queue, targets }: { item: WaitingWork; queue: QueueStats; targets: MoveTargets }) {
  const { t } = useTranslation();
  const label = useDataLabel();
  const intents = useIntents();
  const hubNow = useHubNow();
  const selectId = useId();
  const queues = targets.queues.filter((q) => q.channel === queue.channel && q.queueId !== queue.queueId);
  const agents = targets.agents.filter((a) => a.state === 'ready' && a.connected);
  const [target, setTarget] = useState('');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; error: string }>({ kind: 'idle' });
  const offeredTo = item.offeredTo ? (targets.agents.find((a) => a.agentId === item.offeredTo)?.displayName ?? item.offeredTo) : null;

  const move = async (): Promise<void> => {
    const [kind, id] = target.split(':');
    if (!id || (kind !== 'queue' && kind !== 'agent')) return;
    setState({ kind: 'busy' });
    const result = await intents.moveWaitingItem(item.itemId, kind === 'queue' ? { kind, queueId: id } : { kind, agentId: id });
    setState(result.ok ? { kind: 'idle' } : { kind: 'failed', error: t(`errors.${result.error.code}`, { defaultValue: result.error.message }) });
  };

  return (
    <li className="sv-waiting-item" data-item-id={item.itemId}>
      <span className="sv-waiting-who">{item.label}</span>
      <span className="sv-muted">
        {formatDuration(longestWaitSeconds(item.since, hubNow) * 1000)}
        {offeredTo ? ` · ${t('supervisor.waitingList.offeredTo', { name: offeredTo })}` : ''}
      </span>
      <label htmlFor={selectId} className="visually-hidden">
        {t('supervisor.waitingList.moveTo', { name: item.label })}
      </label>
      <select id={selectId} value={target} disabled={item.offeredTo !== null} onChange={(e) => setTarget(e.target.value)}>
        <option value="">{t('supervisor.waitingList.choose')}</option>
        {queues.length > 0 && (
          <optgroup label={t('supervisor.waitingList.queues')}>
            {queues.map((q) => (
              <option key={q.queueId} value={`queue:${q.queueId}`}>
                {label(q.name, q.names)}
              </option>
            ))}
          </optgroup>
        )}
        {agents.length > 0 && (
          <optgroup label={t('supervisor.waitingList.agents')}>
            {agents.map((a) => (
              <option key={a.agentId} value={`agent:${a.agentId}`}>
                {a.displayName}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button type="button" className="button-secondary" disabled={!target || state.kind === 'busy' || item.offeredTo !== null} onClick={() => void move()}>
        {t('supervisor.waitingList.move')}
      </button>
      {state.kind === 'failed' && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </li>
  );
}
