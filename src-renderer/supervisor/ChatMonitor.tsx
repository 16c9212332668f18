import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Result } from '../../src-common/result';
import { useIntents } from '../components/intents-context';
import { useClock } from '../hooks/use-clock';
import { useAppStore } from '../store/app-store';
import { TYPING_STALE_MS } from '../store/chat-slice';
import { MonitorComposer } from './MonitorComposer';
import { MonitorLog } from './MonitorLog';
import { useChatMonitor } from './use-chat-monitor';

type Failure = 'open' | 'whisper' | 'barge' | 'takeOver';

/**
 * A supervisor following one agent's chat live: the transcript with whispers, a whisper box
 * (only the agent reads it), a box to write into the chat (the customer reads it too), taking
 * the chat over, and stopping. Monitoring lasts as long as this panel is on screen.
 */
export function ChatMonitor({ itemId, label, onClose }: { itemId: string; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  const intents = useIntents();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const monitor = useChatMonitor(itemId);
  const thread = useAppStore((s) => s.chatThreads[itemId]);
  const selfName = useAppStore((s) => s.view?.user?.displayName ?? null);
  // Every action here goes straight to the hub: offered only while it can be reached.
  const online = useAppStore((s) => s.view?.status === 'online' && s.transport === 'open');
  const now = useClock();
  const [failure, setFailure] = useState<{ action: Failure; error: AppError } | null>(null);
  const [takenOver, setTakenOver] = useState(false);
  const [takingOver, setTakingOver] = useState(false);

  useEffect(() => {
    // Opened from a button elsewhere on the console: take the keyboard to the panel.
    headingRef.current?.focus();
  }, [itemId]);

  const shownFailure = failure ?? (monitor.kind === 'failed' ? { action: 'open' as const, error: monitor.error } : null);
  const conversation = thread?.conversation ?? null;
  const closed = conversation?.state === 'closed';
  const typingSince = thread?.customerTypingSince ?? null;
  const customerTyping = !closed && typingSince !== null && now - typingSince < TYPING_STALE_MS;
  const canWrite = online && monitor.kind === 'ready' && !closed;

  const attempt = async <T,>(action: Failure, run: () => Promise<Result<T>>): Promise<boolean> => {
    setFailure(null);
    const result = await run();
    if (!result.ok) setFailure({ action, error: result.error });
    return result.ok;
  };
  const takeOver = async (): Promise<void> => {
    setTakingOver(true);
    const ok = await attempt('takeOver', () => intents.takeOverChat(itemId));
    setTakingOver(false);
    if (ok) setTakenOver(true);
  };

  return (
    <section className="sv-monitor" aria-labelledby={headingId}>
      <div className="sv-monitor-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('supervisor.monitor.title', { label })}
        </h2>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('supervisor.monitor.stop')}
        </button>
      </div>
      {monitor.kind === 'loading' && <p role="status">{t('supervisor.monitor.loading')}</p>}
      {monitor.kind === 'ready' && (
        <p className="sv-muted">{monitor.agentName ? t('supervisor.monitor.heldBy', { name: monitor.agentName }) : t('supervisor.monitor.heldByNobody')}</p>
      )}
      <p role="alert" className="sv-monitor-error">
        {shownFailure ? t(`supervisor.monitor.failed.${shownFailure.action}`, { error: t(`errors.${shownFailure.error.code}`) }) : ''}
      </p>
      <div className="sv-monitor-body">
        <div className="sv-monitor-chat">
          {thread && conversation && <MonitorLog thread={thread} label={label} selfName={selfName} />}
          <p className="chat-typing" aria-live="polite">
            {customerTyping && conversation ? t('chat.typing', { name: conversation.customerName }) : ''}
          </p>
          {closed && (
            <p className="chat-closed" role="status">
              {conversation.closedBy === 'customer' ? t('chat.customerLeft') : t('chat.closed')}
            </p>
          )}
        </div>
        <div className="sv-monitor-tools">
          <MonitorComposer
            label={t('supervisor.monitor.whisperLabel')}
            hint={t('supervisor.monitor.whisperHint')}
            button={t('supervisor.monitor.whisper')}
            disabled={!canWrite}
            onSend={(text) => attempt('whisper', () => intents.whisper(itemId, text))}
          />
          <MonitorComposer
            label={t('supervisor.monitor.bargeLabel')}
            hint={t('supervisor.monitor.bargeHint')}
            button={t('supervisor.monitor.barge')}
            disabled={!canWrite}
            onSend={(text) => attempt('barge', () => intents.barge(itemId, text))}
          />
          <button type="button" className="button-primary" disabled={!canWrite || takenOver || takingOver} onClick={() => void takeOver()}>
            {t('supervisor.monitor.takeOver')}
          </button>
          <p role="status" className="sv-done">
            {takenOver ? t('supervisor.monitor.takenOver') : ''}
          </p>
        </div>
      </div>
    </section>
  );
}
