import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../src-common/result';
import { useIntents } from '../components/intents-context';
import { useAppStore } from '../store/app-store';

export type MonitorState = { kind: 'loading' } | { kind: 'ready'; agentName: string | null } | { kind: 'failed'; error: AppError };

/**
 * Follows one chat for as long as the calling panel is on screen: asks the hub to monitor it on
 * mount, stops on unmount (closing the panel, leaving the console, switching chats), and asks
 * again when the link to main comes back, since events sent while it was down are not replayed.
 */
export function useChatMonitor(itemId: string): MonitorState {
  const intents = useIntents();
  const [state, setState] = useState<MonitorState>({ kind: 'loading' });
  const transportOpen = useAppStore((s) => s.transport === 'open');
  const wasOpen = useRef(transportOpen);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void intents.monitorChat(itemId).then((result) => {
      if (live) setState(result.ok ? { kind: 'ready', agentName: result.value.agentName } : { kind: 'failed', error: result.error });
    });
    return () => {
      live = false;
      void intents.stopMonitoringChat(itemId);
    };
  }, [intents, itemId]);

  useEffect(() => {
    const reopened = transportOpen && !wasOpen.current;
    wasOpen.current = transportOpen;
    if (!reopened) return;
    void intents.monitorChat(itemId).then((result) => {
      if (result.ok) setState({ kind: 'ready', agentName: result.value.agentName });
    });
  }, [intents, itemId, transportOpen]);

  return state;
}
