import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../src-common/domain';
import { formatDuration } from '../format/durations';
import { responseDue } from '../format/response-due';
import { useClock } from '../hooks/use-clock';
import { useAppStore } from '../store/app-store';

/** "Answer within 3:12:05" for an email whose queue promises an answer time; "Overdue by 0:20:00" past it. */
export function ResponseTarget({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const target = useAppStore((s) => s.view?.config?.queues.find((q) => q.id === item.queueId)?.responseTargetMinutes);
  const offset = useAppStore((s) => s.view?.serverTimeOffsetMs ?? 0);
  const now = useClock();
  if (item.channel !== 'email' || target === undefined) return null;
  const due = responseDue(item.createdAt, target, now, offset);
  const text = due.overdue ? t('queue.overdue', { time: formatDuration(-due.leftMs) }) : t('queue.answerWithin', { time: formatDuration(due.leftMs) });
  return <span className={`response-target${due.overdue ? ' overdue' : due.soon ? ' soon' : ''}`}>{text}</span>;
}
