import { useEffect, useState } from 'react';
import { useAppStore } from '../store/app-store';
import { createHistoryRecorder, type HistoryRecorder } from './dashboard-history';

/**
 * Remembers the dashboards for the history plot while the screen that owns it stays up, so a
 * supervisor who looks at their own work for a while comes back to an unbroken plot. Reads the
 * store without re-rendering the owner: only the plot listens to the recorder.
 */
export function useHistoryRecorder(): HistoryRecorder {
  const [recorder] = useState(createHistoryRecorder);
  useEffect(() => {
    const first = useAppStore.getState().view?.supervisor;
    if (first) recorder.record(first);
    return useAppStore.subscribe((state) => {
      const dashboard = state.view?.supervisor;
      if (dashboard) recorder.record(dashboard);
    });
  }, [recorder]);
  return recorder;
}
