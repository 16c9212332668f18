import { formatDuration } from '../format/durations';
import { useClock } from '../hooks/use-clock';

/** Talk time since the answer (frozen at the end); only this component ticks. */
export function CallTimer({ answeredAt, endedAt }: { answeredAt: string | null; endedAt: string | null }) {
  const now = useClock();
  if (!answeredAt) return <span className="call-timer">0:00</span>;
  const end = endedAt ? Date.parse(endedAt) : now;
  return (
    <time className="call-timer" dateTime={`PT${Math.max(0, Math.floor((end - Date.parse(answeredAt)) / 1000))}S`}>
      {formatDuration(end - Date.parse(answeredAt))}
    </time>
  );
}
