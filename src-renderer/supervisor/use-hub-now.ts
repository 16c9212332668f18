import { useClock } from '../hooks/use-clock';
import { useAppStore } from '../store/app-store';

/** The hub's "now", ticking: waits and times in state are measured on the hub's clock. */
export function useHubNow(): number {
  const now = useClock();
  const offset = useAppStore((s) => s.view?.serverTimeOffsetMs ?? 0);
  return now + offset;
}
