import { useTranslation } from 'react-i18next';
import { formatDuration, msSince, secondsUntil } from '../format/durations';
import { useClock } from '../hooks/use-clock';
import { useAppStore } from '../store/app-store';

function useServerOffset(): number {
  return useAppStore((s) => s.view?.serverTimeOffsetMs ?? 0);
}

/** Time left until a hub deadline, with a bar that drains; only this component ticks. */
export function Countdown(props: { deadline: string; startedAt: string; labelKey: 'queue.expiresIn' | 'wrapUp.timeLeft' }) {
  const { t } = useTranslation();
  const now = useClock();
  const offset = useServerOffset();
  const left = secondsUntil(props.deadline, now, offset);
  const span = Math.max(1, (Date.parse(props.deadline) - Date.parse(props.startedAt)) / 1000);
  const fraction = Math.min(1, left / span);
  return (
    <span className={left <= 5 ? 'countdown urgent' : 'countdown'}>
      <span className="countdown-text">{t(props.labelKey, { time: formatDuration(left * 1000) })}</span>
      <span className="countdown-bar" aria-hidden="true">
        <span className="countdown-fill" style={{ width: `${fraction * 100}%` }} />
      </span>
    </span>
  );
}

/** Time elapsed since a hub timestamp ("waiting 1:23", "time in state"). */
export function Elapsed(props: { since: string; labelKey?: 'queue.waiting' }) {
  const { t } = useTranslation();
  const now = useClock();
  const offset = useServerOffset();
  const text = formatDuration(msSince(props.since, now, offset));
  return <span className="elapsed">{props.labelKey ? t(props.labelKey, { time: text }) : text}</span>;
}
